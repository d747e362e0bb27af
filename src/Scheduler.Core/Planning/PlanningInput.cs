using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Everything one planning pass reads. The planner reads no clock and no store: the caller passes
/// the topology as read, the budget still free for this request, the stock-outs remembered at
/// <see cref="Now"/>, and the id the plan gets (so that the same input gives the same plan).
/// </summary>
/// <param name="BudgetLeft">CNY this request may still commit; the plan's estimated total never exceeds it.</param>
/// <param name="Now">Becomes <see cref="Plan.CreatedAt"/>; nothing else depends on it.</param>
public sealed record PlanningInput(
    Guid PlanId,
    PlanningRequest Request,
    TopologySnapshot Topology,
    decimal BudgetLeft,
    DateTimeOffset Now)
{
    /// <summary>Offerings whose (provider, member zone, family) is in here are skipped (see <see cref="StockoutMemory"/>).</summary>
    public IReadOnlySet<StockoutKey> StockedOut { get; init; } = new HashSet<StockoutKey>();

    public PlannerOptions Options { get; init; } = PlannerOptions.Default;
}
