using System.Security.Claims;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Auth;

namespace CapacityConsole.Web.Api;

/// <summary>What the on-call page does, for on-call tooling: mark an internal zone (or one member zone) Healthy, Degraded or Down.</summary>
public static class ZoneHealthApi
{
    public sealed record ZoneHealthChange(string? MemberZoneId, ZoneHealth Health, string Reason);

    public static IEndpointRouteBuilder MapZoneHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/zones/{internalZoneId}/health",
                async (string internalZoneId, ZoneHealthChange change, FailoverService failover, ClaimsPrincipal user, CancellationToken ct) =>
                    TypedResults.Ok(await failover.SetHealthAsync(internalZoneId, change.MemberZoneId, change.Health, change.Reason, user.ToActor(), ct)))
            .WithTags("Zones")
            .WithSummary("Sets a zone's health with a reason; Down fails its requests over at once. Every viewer sees the change live.")
            .RequireAuthorization(Policies.OnCall).ProducesErrors(400, 404);
        return app;
    }
}
