namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The numbers behind a plan's shortfall, so a reader can add them up (issue 14): requested N,
/// planned P, the largest internal zone L, what survives its loss P − L, what must survive ⌈s·N⌉,
/// and the shortfall max(N − P, ⌈s·N⌉ − (P − L), 0) exactly as <see cref="Planner.Shortfall"/> counts it.
/// </summary>
public sealed record PlanArithmetic(
    int RequestedCores,
    int PlannedCores,
    string? LargestZoneId,
    int LargestZoneCores,
    int MustSurviveCores,
    decimal SurvivableShare)
{
    /// <summary>Cores left after losing the largest internal zone.</summary>
    public int SurvivingCores => PlannedCores - LargestZoneCores;

    /// <summary>Requested cores the plan does not hold at all.</summary>
    public int MissingCores => Math.Max(0, RequestedCores - PlannedCores);

    /// <summary>Cores missing after the worst single-zone loss, against what must survive.</summary>
    public int MissingAfterLossCores => Math.Max(0, MustSurviveCores - SurvivingCores);

    public int ShortfallCores => Math.Max(MissingCores, MissingAfterLossCores);

    /// <summary>True when the zone-loss rule, not the count, is what makes the plan short.</summary>
    public bool ShortBecauseOfSpread => MissingAfterLossCores > MissingCores;

    public static PlanArithmetic Of(Plan plan, int requestedCores, decimal survivableShare)
    {
        var largest = plan.Allocations.GroupBy(a => a.InternalZoneId)
            .Select(g => (Zone: g.Key, Cores: g.Sum(a => a.Cores)))
            .OrderByDescending(z => z.Cores).ThenBy(z => z.Zone, StringComparer.Ordinal)
            .FirstOrDefault();
        return new PlanArithmetic(requestedCores, plan.PlannedCores, largest.Zone, largest.Cores,
            (int)Math.Ceiling(survivableShare * requestedCores), survivableShare);
    }
}
