using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Auth;

namespace CapacityConsole.Web.Api;

public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services");
        group.MapGet("/", async (ServiceRepository services, CancellationToken ct) => TypedResults.Ok(await services.ListAsync(ct)))
            .WithSummary("Business services with owner team, cost center, tier and zone constraints.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors();
        group.MapGet("/{id}", async (string id, ServiceRepository services, CancellationToken ct) => TypedResults.Ok(await services.GetAsync(id, ct)))
            .WithSummary("One service.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(404);
        return app;
    }
}
