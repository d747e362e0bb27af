namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// A re-plan's input. The topology's stock is what providers can deliver now: units that already run
/// have been taken from it, units planned but not yet started have not (the re-plan reserves those).
/// </summary>
/// <param name="Planning">The request, the topology as now known, the budget left for the whole plan.</param>
/// <param name="Current">The plan being carried out.</param>
/// <param name="Running">What of <paramref name="Current"/> already runs (whole or partial allocations).</param>
/// <param name="Change">What just happened.</param>
public sealed record ReplanInput(
    PlanningInput Planning,
    Plan Current,
    IReadOnlyList<Allocation> Running,
    PlanChange Change);
