using System.Security.Claims;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        // Ids are bound as Guid without a route constraint, so "abc" is a 400 that says so rather than a bare 404.
        var group = app.MapGroup("/api/v1/budgets").WithTags("Budgets");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<Budget>>, ValidationProblem>> (
                BudgetState? state, string? search, int? page, int? pageSize, BudgetRepository budgets, HttpContext http, CancellationToken ct) =>
            {
                if (state is { } s && !Enum.IsDefined(s))
                    return ApiErrors.Invalid(nameof(state), $"States are {string.Join(", ", Enum.GetNames<BudgetState>())}.");
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging, search) is { } invalid) return invalid;
                return TypedResults.Ok((await budgets.PageAsync(new BudgetFilter(state, search), paging, ct)).Describe(http));
            })
            .WithSummary("Budgets with committed and actual spend, newest period first, optionally of one state or matching a search " +
                "(name, cost center, event); paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400);

        group.MapGet("/{id}", async (Guid id, BudgetRepository budgets, CancellationToken ct) => TypedResults.Ok(await budgets.GetAsync(id, ct)))
            .WithSummary("One budget.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);

        group.MapPost("/", async Task<Created<Budget>> (NewBudget input, BudgetService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var budget = await service.CreateAsync(input, user.ToActor().UserName, ct);
                return TypedResults.Created($"/api/v1/budgets/{budget.Id}", budget);
            })
            .WithSummary("Creates a Draft budget.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400);

        group.MapPost("/{id}/submit", async (Guid id, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
                TypedResults.Ok(await s.SubmitAsync(id, u.ToActor().UserName, ct)))
            .WithSummary("Draft → PendingApproval.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);

        group.MapPost("/{id}/approve", async (Guid id, Decision? d, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
                TypedResults.Ok(await s.ApproveAsync(id, u.ToActor().UserName, d?.Comment, ct)))
            .WithSummary("PendingApproval → Approved.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);

        group.MapPost("/{id}/reject", async (Guid id, Decision? d, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
                TypedResults.Ok(await s.RejectAsync(id, u.ToActor().UserName, d?.Comment, ct)))
            .WithSummary("PendingApproval → Rejected.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);

        group.MapPost("/{id}/close", async (Guid id, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
                TypedResults.Ok(await s.CloseAsync(id, u.ToActor().UserName, ct)))
            .WithSummary("Approved or Rejected → Closed.")
            .RequireAuthorization(Policies.Planner).ProducesErrors(400, 404, 409);
        return app;
    }
}
