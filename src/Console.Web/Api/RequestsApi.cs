using System.Security.Claims;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/requests").WithTags("Requests");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<CoreQuotaRequest>>, ValidationProblem>> (
                RequestState? state, string? service, int? page, int? pageSize, RequestRepository requests, ServiceRepository services,
                HttpContext http, CancellationToken ct) =>
            {
                if (state is { } s && !Enum.IsDefined(s))
                    return ApiErrors.Invalid(nameof(state), $"States are {string.Join(", ", Enum.GetNames<RequestState>())}.");
                if (service is not null && await services.FindAsync(service, ct) is null)
                    return ApiErrors.Invalid(nameof(service), $"There is no service '{service}'.");
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                return TypedResults.Ok((await requests.PageAsync(new RequestFilter(state, service), paging, ct)).Describe(http));
            })
            .WithSummary("Core-quota requests, newest window first, optionally of one state and/or one service; paged " +
                "(page from 1, pageSize up to 500; X-Total-Count, Link rel=next; a larger pageSize is a 400; without pageSize the answer is 500 rows and X-Page-Size-Limited says when there are more).")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400);

        group.MapGet("/{id}", async (Guid id, RequestRepository requests, CancellationToken ct) => TypedResults.Ok(await requests.GetAsync(id, ct)))
            .WithSummary("One core-quota request.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);

        group.MapPost("/", async Task<Created<CoreQuotaRequest>> (
                NewCoreQuotaRequest input, bool? submit, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var request = await service.FileAsync(input, user.ToActor(), submit ?? false, ct);
                return TypedResults.Created($"/api/v1/requests/{request.Id}", request);
            })
            .WithSummary("Files a request for one of the caller's team's services; ?submit=true submits it at once.")
            .RequireAuthorization(Policies.ServiceOwner).ProducesErrors(400);

        group.MapPost("/{id}/submit", async (Guid id, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.SubmitAsync(id, user.ToActor(), ct)))
            .WithSummary("Draft → Submitted, by the service's own team.")
            .RequireAuthorization(Policies.ServiceOwner).ProducesErrors(400, 404, 409);

        // Who may cancel depends on the request: its service's team or a planner. The policy admits
        // any signed-in user and RequestService decides (403 with the reason) before changing anything.
        group.MapPost("/{id}/cancel", async (Guid id, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.CancelAsync(id, user.ToActor(), ct)))
            .WithSummary("Cancels before provisioning starts and returns any commitment to the budget (service team or planner).")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404, 409);
        return app;
    }
}
