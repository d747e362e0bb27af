using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class OfferingsApi
{
    public static IEndpointRouteBuilder MapOfferingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offerings").WithTags("Offerings");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<Offering>>, ValidationProblem>> (
                string? memberZone, ProviderKind? provider, TopologyRepository topology, CancellationToken ct) =>
            {
                if (provider is { } p && !Enum.IsDefined(p))
                    return ApiErrors.Invalid(nameof(provider), $"Providers are {string.Join(", ", Enum.GetNames<ProviderKind>())}.");
                var snapshot = await topology.GetSnapshotAsync(ct);
                if (memberZone is not null && snapshot.MemberZones.All(z => z.Id != memberZone))
                    return ApiErrors.Invalid(nameof(memberZone), $"There is no member zone '{memberZone}'.");
                IReadOnlyList<Offering> offerings = snapshot.Offerings
                    .Where(o => (memberZone is null || o.MemberZoneId == memberZone) && (provider is null || o.Provider == provider))
                    .ToList();
                return TypedResults.Ok(offerings);
            })
            .WithSummary("Offerings with stock and price, optionally of one member zone and/or one provider.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400);
        return app;
    }
}
