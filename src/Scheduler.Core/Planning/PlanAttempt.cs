namespace CapacityConsole.Scheduler.Planning;

/// <summary>One pass's search for a given number of cores, with and without the budget.</summary>
internal sealed class PlanAttempt(PlanningInput input, CandidateSet set)
{
    private readonly CapFiller _withBudget = new(set, (double)input.Request.WindowHours, (double)input.BudgetLeft);
    private readonly CapFiller _ignoringBudget = new(set, (double)input.Request.WindowHours, double.MaxValue);

    /// <summary>The allocations serving <paramref name="cores"/> with the request's spread and within budget, or null.</summary>
    public IReadOnlyList<Allocation>? TryServe(int cores)
    {
        var survivable = (long)Math.Ceiling(input.Request.SurvivableShare * cores);
        var found = CapSearch.Best(set, _withBudget, cores, survivable);
        if (!found.Score.Feasible) return null;
        var units = new int[set.Sorted.Length];
        _withBudget.Fill(found.Cap, cores, survivable, units);
        var allocations = Materialize(units);
        // The search judged the budget in double; the decimal total is the one that counts.
        return Planner.EstimatedTotal(allocations, input.Request) <= input.BudgetLeft ? allocations : null;
    }

    /// <summary>Whether some plan serves <paramref name="cores"/> within budget; cheaper than <see cref="TryServe"/>.</summary>
    public bool CanServe(int cores) =>
        CapSearch.Best(set, _withBudget, cores, (long)Math.Ceiling(input.Request.SurvivableShare * cores), anyFeasible: true).Score.Feasible;

    public bool FitsIgnoringBudget(int cores) =>
        CapSearch.Best(set, _ignoringBudget, cores, (long)Math.Ceiling(input.Request.SurvivableShare * cores)).Score.HasCapacity;

    public IReadOnlyList<Allocation> FixedOnly() => set.Fixed;

    private List<Allocation> Materialize(int[] units)
    {
        var added = new List<Allocation>();
        for (var i = 0; i < units.Length; i++)
        {
            if (units[i] == 0) continue;
            var c = set.Sorted[i];
            var o = c.Offering;
            added.Add(new Allocation(c.InternalZoneId, o.MemberZoneId, o.Provider, o.Id, o.InstanceType,
                units[i], units[i] * c.CoresPerUnit, units[i] * o.PricePerHour!.Value));
        }
        added.Sort(static (x, y) =>
        {
            var c = string.CompareOrdinal(x.InternalZoneId, y.InternalZoneId);
            if (c == 0) c = string.CompareOrdinal(x.MemberZoneId, y.MemberZoneId);
            return c != 0 ? c : string.CompareOrdinal(x.OfferingId, y.OfferingId);
        });
        return [.. set.Fixed, .. added];
    }
}
