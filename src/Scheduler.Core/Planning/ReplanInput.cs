namespace CapacityConsole.Scheduler.Planning;

/// <param name="Planning">The request, the topology as now known, the budget left for the whole plan.</param>
/// <param name="Current">The plan being carried out.</param>
/// <param name="Running">What of <paramref name="Current"/> already runs (whole or partial allocations).</param>
/// <param name="Change">What just happened.</param>
public sealed record ReplanInput(
    PlanningInput Planning,
    Plan Current,
    IReadOnlyList<Allocation> Running,
    PlanChange Change);
