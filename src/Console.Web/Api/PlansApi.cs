using System.Security.Claims;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class PlansApi
{
    /// <summary>A request's plan: the stored one once approved, else what the planner would answer now.</summary>
    public sealed record RequestPlan(bool Stored, Plan Plan);

    /// <summary>
    /// The preview answer: every field of <see cref="Plan"/> as before (existing clients read them at the
    /// top level), plus <see cref="LeadTime"/>, how long provisioning should take (brief §9), and
    /// <see cref="Reasons"/>, why the plan looks as it does, and which cores are confirmed
    /// (<see cref="ConfirmedCores"/>: counted stock, and cloud cores within what recent fulfilments
    /// delivered in that zone and type) or expected (<see cref="ExpectedCores"/>: counted on a reported
    /// category; <see cref="AssumedCores"/> of them on the nominal count assumed where nothing was
    /// learned), with <see cref="StockSummary"/> saying so in words (issue 13). Each allocation carries
    /// its own stockBasis (Counted, Learned, Assumed), confirmedCores and expectedCores.
    /// </summary>
    public sealed record PlanPreview(
        Guid Id, Guid RequestId, IReadOnlyList<Allocation> Allocations, int ShortfallCores, string? ShortfallReason, decimal EstimatedTotal,
        DateTimeOffset CreatedAt, ShortfallCause ShortfallCauses, int PlannedCores, decimal CostPerHour, bool IsComplete, LeadTimeEstimate LeadTime,
        IReadOnlyList<PlanReason> Reasons, int ConfirmedCores, int ExpectedCores, int AssumedCores, string StockSummary)
    {
        public static PlanPreview Of(Plan p, LeadTimeEstimate leadTime) => new(p.Id, p.RequestId, p.Allocations, p.ShortfallCores, p.ShortfallReason,
            p.EstimatedTotal, p.CreatedAt, p.ShortfallCauses, p.PlannedCores, p.CostPerHour, p.IsComplete, leadTime, p.Reasons,
            p.ConfirmedCores, p.ExpectedCores, p.AssumedCores, p.StockSummary);
    }

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Plans");

        group.MapPost("/plans/preview", async Task<Ok<PlanPreview>> (
                NewCoreQuotaRequest input, RequestService service, LeadTimeEstimator leadTimes, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var plan = await service.PreviewAsync(input, user.ToActor(), ct);
                return TypedResults.Ok(PlanPreview.Of(plan, await leadTimes.EstimateAsync(plan, input.PrewarmLead, ct)));
            })
            .WithSummary("The plan, cost, shortfall and provisioning lead-time estimate a new request would get now; nothing is stored.")
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
