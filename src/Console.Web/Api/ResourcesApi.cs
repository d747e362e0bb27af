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
                Guid id, ResourceState? state, int? page, int? pageSize, RequestRepository requests, ProvisioningRepository provisioning,
                HttpContext http, CancellationToken ct) =>
            {
                if (state is { } s && !Enum.IsDefined(s))
                    return ApiErrors.Invalid(nameof(state), $"States are {string.Join(", ", Enum.GetNames<ResourceState>())}.");
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                // An unknown request is a 404, not an empty list.
                await requests.GetAsync(id, ct);
                return TypedResults.Ok((await provisioning.PageResourcesAsync(id, paging, state, ct)).Describe(http));
            })
            .WithTags("Resources")
            .WithSummary("Every unit provisioned for the request (ECS instance or IDC host), live or released, with its lifecycle times, " +
                "optionally of one state; paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);

        app.MapGet("/api/v1/requests/{id}/batches", async Task<Results<Ok<IReadOnlyList<ProvisioningBatch>>, ValidationProblem, ProblemHttpResult>> (
                Guid id, BatchState? state, int? page, int? pageSize, RequestRepository requests, ProvisioningRepository provisioning,
                HttpContext http, CancellationToken ct) =>
            {
                if (state is { } s && !Enum.IsDefined(s))
                    return ApiErrors.Invalid(nameof(state), $"States are {string.Join(", ", Enum.GetNames<BatchState>())}.");
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                var request = await requests.GetAsync(id, ct);
                if (await provisioning.GetOrderAsync(id, ct) is not { } order)
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No provisioning order.",
                        detail: $"Core-quota request '{id}' is {request.State}; it has no provisioning order yet.");
                return TypedResults.Ok((await provisioning.PageBatchesAsync(order.Id, paging, state, ct)).Describe(http));
            })
            .WithTags("Provisioning")
            .WithSummary("The batches of the request's latest provisioning order in sequence order, each with its idempotency key, " +
                "optionally of one state; paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}
