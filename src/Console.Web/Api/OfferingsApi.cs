using CapacityConsole.Scheduler.Storage;
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
                string? memberZone, ProviderKind? provider, string? search, bool? usable, int? page, int? pageSize,
                TopologyRepository topology, HttpContext http, CancellationToken ct) =>
            {
                if (provider is { } p && !Enum.IsDefined(p))
                    return ApiErrors.Invalid(nameof(provider), $"Providers are {string.Join(", ", Enum.GetNames<ProviderKind>())}.");
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging, search) is { } invalid) return invalid;
                var snapshot = await topology.GetSnapshotAsync(ct);
                if (memberZone is not null && snapshot.MemberZones.All(z => z.Id != memberZone))
                    return ApiErrors.Invalid(nameof(memberZone), $"There is no member zone '{memberZone}'.");
                var filter = new OfferingFilter(memberZone, provider, search, usable ?? false);
                return TypedResults.Ok(Page<Offering>.Slice(filter.Apply(snapshot.Offerings), paging).Describe(http));
            })
            .WithSummary("Offerings with stock and price, optionally of one member zone and/or one provider, only the usable ones " +
                "(usable=true: priced and in stock) or those whose member zone or instance type contain a search; paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400);
        return app;
    }
}
