using System.Security.Claims;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class BudgetsApi
{
    public sealed record Decision(string? Comment);

    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/budgets").WithTags("Budgets");

        group.MapGet("/", async (BudgetRepository budgets, CancellationToken ct) => TypedResults.Ok(await budgets.ListAsync(ct)))
            .RequireAuthorization(Policies.Viewer);

        group.MapGet("/{id:guid}", async (Guid id, BudgetRepository budgets, CancellationToken ct) =>
                TypedResults.Ok(await budgets.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Viewer);

        group.MapPost("/", async Task<Created<Budget>> (NewBudget input, BudgetService service, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var budget = await service.CreateAsync(input, user.Identity!.Name!, ct);
                return TypedResults.Created($"/api/v1/budgets/{budget.Id}", budget);
            })
            .RequireAuthorization(Policies.Planner);

        group.MapPost("/{id:guid}/submit", async (Guid id, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.Ok(await s.SubmitAsync(id, u.Identity!.Name!, ct))).RequireAuthorization(Policies.Planner);
        group.MapPost("/{id:guid}/approve", async (Guid id, Decision d, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.Ok(await s.ApproveAsync(id, u.Identity!.Name!, d.Comment, ct))).RequireAuthorization(Policies.Planner);
        group.MapPost("/{id:guid}/reject", async (Guid id, Decision d, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.Ok(await s.RejectAsync(id, u.Identity!.Name!, d.Comment, ct))).RequireAuthorization(Policies.Planner);
        group.MapPost("/{id:guid}/close", async (Guid id, BudgetService s, ClaimsPrincipal u, CancellationToken ct) =>
            TypedResults.Ok(await s.CloseAsync(id, u.Identity!.Name!, ct))).RequireAuthorization(Policies.Planner);
        return app;
    }
}
