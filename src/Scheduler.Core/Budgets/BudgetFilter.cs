namespace CapacityConsole.Scheduler.Budgets;

/// <summary>
/// The server-side filters of the budget list (the budgets page and the API). Both optional;
/// <see cref="Search"/> matches name, cost center or event, ignoring case.
/// </summary>
public sealed record BudgetFilter(BudgetState? State = null, string? Search = null);
