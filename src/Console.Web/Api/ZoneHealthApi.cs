using System.Security.Claims;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

/// <summary>What automation sends to change a zone's health: the new health and why (shown to everyone watching).</summary>
public sealed record ZoneHealthChange(ZoneHealth Health, string Reason);

/// <summary>
/// Zone health for automation, with the on-call page's rules and roles (on-call or admin): marking a
/// zone Down answers 202 at once with the failover scheduled as a job; its progress is on the
/// requests' timelines and the live hub.
/// </summary>
public static class ZoneHealthApi
{
    public static IEndpointRouteBuilder MapZoneHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/zones").WithTags("Zones");

        group.MapPut("/{internalZoneId}/health", (string internalZoneId, ZoneHealthChange change, FailoverService failover, ClaimsPrincipal user, CancellationToken ct) =>
                SetAsync(internalZoneId, null, change, failover, user, ct))
            .WithSummary("On-call sets an internal zone's health; Down schedules the failover of every running request with work there (202).")
            .RequireAuthorization(Policies.OnCall).ProducesErrors(400, 404);

        group.MapPut("/{internalZoneId}/members/{memberZoneId}/health",
                (string internalZoneId, string memberZoneId, ZoneHealthChange change, FailoverService failover, ClaimsPrincipal user, CancellationToken ct) =>
                SetAsync(internalZoneId, memberZoneId, change, failover, user, ct))
            .WithSummary("On-call sets one member zone's health; Down schedules the failover of what runs there (202).")
            .RequireAuthorization(Policies.OnCall).ProducesErrors(400, 404);
        return app;
    }

    private static async Task<Results<Ok<FailoverResult>, Accepted<FailoverResult>>> SetAsync(
        string internalZoneId, string? memberZoneId, ZoneHealthChange change, FailoverService failover, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await failover.SetHealthAsync(internalZoneId, memberZoneId, change.Health, change.Reason, user.ToActor(), ct);
        return result.FailoverScheduled ? TypedResults.Accepted((string?)null, result) : TypedResults.Ok(result);
    }
}
