using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Auth;

namespace CapacityConsole.Web.Api;

public static class ZonesApi
{
    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/zones").WithTags("Zones");
        group.MapGet("/", async (ZoneOverviewQuery query, CancellationToken ct) => TypedResults.Ok(await query.GetAsync(ct)))
            .WithSummary("Regions, internal zones and member zones with health and capacity.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors();
        return app;
    }
}
