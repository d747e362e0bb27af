namespace CapacityConsole.Scheduler.Budgets;

/// <summary>What a planner fills in to create a budget.</summary>
public sealed record NewBudget(
    string Name,
    string CostCenter,
    string? EventName,
    decimal Amount,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd);
