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

    /// <summary>
    /// Cores on confirmed stock (issue 13: stock you can stand on): counted stock (IDC hosts) and cloud
    /// cores within what recent fulfilments delivered in that zone and type (see <see cref="StockConfidence"/>).
    /// </summary>
    public int ConfirmedCores => Allocations.Sum(a => a.ConfirmedCores);

    /// <summary>Cores counted on a reported stock category (ECS): expected, not confirmed.</summary>
    public int ExpectedCores => PlannedCores - ConfirmedCores;

    /// <summary>Of <see cref="ExpectedCores"/>, those on the nominal count assumed for a category because nothing was learned there.</summary>
    public int AssumedCores => Allocations.Where(a => a.StockBasis == StockBasis.Assumed).Sum(a => a.ExpectedCores);

    /// <summary>The stock line in words, e.g. "1,600 confirmed · 2,400 expected from reported stock" (the UI shows it as is).</summary>
    public string StockSummary => StockWords.Summary(this);
    public decimal CostPerHour => Allocations.Sum(a => a.CostPerHour);
    public bool IsComplete => ShortfallCores == 0;
}
