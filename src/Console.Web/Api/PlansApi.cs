using System.Security.Claims;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class PlansApi
{
    /// <summary>A request's plan: the stored one once approved, else what the planner would answer now.</summary>
    public sealed record RequestPlan(bool Stored, Plan Plan);

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Plans");

        group.MapPost("/plans/preview", async (NewCoreQuotaRequest input, RequestService service, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await service.PreviewAsync(input, user.ToActor(), ct)))
            .WithSummary("The plan, cost and shortfall a new request would get now; nothing is stored.")
            .RequireAuthorization(Policies.ServiceOwner).ProducesErrors(400);

        group.MapGet("/requests/{id}/plan", async Task<Results<Ok<RequestPlan>, ProblemHttpResult>> (
                Guid id, RequestRepository requests, PlanRepository plans, RequestService service, CancellationToken ct) =>
            {
                var request = await requests.GetAsync(id, ct);
                if (await plans.GetCurrentAsync(id, ct) is { } stored) return TypedResults.Ok(new RequestPlan(true, stored));
                if (request.State is RequestState.Draft or RequestState.Submitted)
                    return TypedResults.Ok(new RequestPlan(false, await service.PreviewAsync(id, ct)));
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No plan.",
                    detail: $"Core-quota request '{id}' is {request.State} and was never planned.");
            })
            .WithSummary("The request's current plan; before approval, a live preview (Stored = false).")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}
