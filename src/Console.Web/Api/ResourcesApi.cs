using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;

namespace CapacityConsole.Web.Api;

public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/requests/{id}/resources", async (Guid id, RequestRepository requests, ProvisioningRepository provisioning, CancellationToken ct) =>
            {
                // An unknown request is a 404, not an empty list.
                await requests.GetAsync(id, ct);
                return TypedResults.Ok(await provisioning.ListResourcesAsync(id, ct));
            })
            .WithTags("Resources")
            .WithSummary("Every unit provisioned for the request (ECS instance or IDC host), live or released, with its lifecycle times.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}
