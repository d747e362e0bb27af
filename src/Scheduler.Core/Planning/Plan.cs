namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The scheduler's answer for a request. A plan that cannot serve every core says so with
/// <see cref="ShortfallCores"/> and <see cref="ShortfallReason"/> instead of pretending.
/// <see cref="ShortfallCores"/> is the larger of the cores missing from the request and the
/// survivable cores missing after the loss of the largest internal zone (see <see cref="PlanningRequest"/>).
/// </summary>
public sealed record Plan(
    Guid Id,
    Guid RequestId,
    IReadOnlyList<Allocation> Allocations,
    int ShortfallCores,
    string? ShortfallReason,
    decimal EstimatedTotal,
    DateTimeOffset CreatedAt,
    ShortfallCause ShortfallCauses = ShortfallCause.None)
{
    /// <summary>Why the plan looks as it does, one sentence per choice (issue 13); empty for plans stored before reasons were.</summary>
    public IReadOnlyList<PlanReason> Reasons { get; init; } = [];

    public int PlannedCores => Allocations.Sum(a => a.Cores);

    /// <summary>Cores on IDC hosts, whose stock is counted host by host (issue 13: stock you can stand on).</summary>
    public int ConfirmedCores => Allocations.Where(a => a.Provider == Topology.ProviderKind.Idc).Sum(a => a.Cores);

    /// <summary>Cores on cloud offerings, whose stock the provider reports only as a category: expected, not confirmed.</summary>
    public int ExpectedCores => PlannedCores - ConfirmedCores;
    public decimal CostPerHour => Allocations.Sum(a => a.CostPerHour);
    public bool IsComplete => ShortfallCores == 0;
}
