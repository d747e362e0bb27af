namespace CapacityConsole.Scheduler.Planning;

public static class AllocationRows
{
    /// <summary>
    /// One row per member zone and offering: a re-plan keeps the allocations it had and adds new ones,
    /// so the same offering can appear twice in a stored plan (issue 14); readers see the sum.
    /// </summary>
    public static IReadOnlyList<Allocation> Merged(IEnumerable<Allocation> allocations) =>
        allocations.GroupBy(a => (a.InternalZoneId, a.MemberZoneId, a.OfferingId))
            .Select(g => g.First() with { Units = g.Sum(a => a.Units), Cores = g.Sum(a => a.Cores), CostPerHour = g.Sum(a => a.CostPerHour), ConfirmedCores = g.Sum(a => a.ConfirmedCores) })
            .OrderBy(a => a.InternalZoneId, StringComparer.Ordinal).ThenBy(a => a.MemberZoneId, StringComparer.Ordinal)
            .ThenBy(a => a.InstanceType, StringComparer.Ordinal)
            .ToList();
}
