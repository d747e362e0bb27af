using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/requests/{id}/resources", async Task<Results<Ok<IReadOnlyList<Resource>>, ValidationProblem>> (
                Guid id, int? page, int? pageSize, RequestRepository requests, ProvisioningRepository provisioning, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                // An unknown request is a 404, not an empty list.
                await requests.GetAsync(id, ct);
                return TypedResults.Ok((await provisioning.PageResourcesAsync(id, paging, ct: ct)).Describe(http));
            })
            .WithTags("Resources")
            .WithSummary("Every unit provisioned for the request (ECS instance or IDC host), live or released, with its lifecycle times; paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}
