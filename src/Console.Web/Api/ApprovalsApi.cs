using System.Security.Claims;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/approvals").WithTags("Approvals");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<CoreQuotaRequest>>, ValidationProblem>> (
                int? page, int? pageSize, RequestRepository requests, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                return TypedResults.Ok((await requests.PageInStatesAsync([RequestState.Submitted], paging, ct)).Describe(http));
            })
            .WithSummary("The approval queue: Submitted requests, earliest window first; paged like the request list.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400);

        group.MapPost("/{id}/approve", async (Guid id, Decision? decision, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.ApproveAsync(id, user.ToActor(), decision?.Comment, decision?.AcceptedShortfallCores ?? 0, ct)))
            .WithSummary("Plans the request, commits its estimate to the budget and schedules pre-warm; refused for one's own request or a plan shorter than the confirmed acceptedShortfallCores.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);

        group.MapPost("/{id}/reject", async (Guid id, Decision? decision, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.RejectAsync(id, user.ToActor(), decision?.Comment, ct)))
            .WithSummary("Submitted → Rejected, with an optional comment.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);
        return app;
    }
}
