namespace CapacityConsole.Scheduler.Planning;

/// <summary>One pass's search for a given number of cores in one <see cref="FillOrder"/>, with and without the budget.</summary>
internal sealed class PlanAttempt(PlanningInput input, CandidateSet set, FillOrder order)
{
    private readonly CapFiller _withBudget = new(set, order, (double)input.Request.WindowHours, (double)input.BudgetLeft);
    private readonly CapFiller _ignoringBudget = new(set, order, (double)input.Request.WindowHours, double.MaxValue);

    public PlanAttempt(PlanningInput input, CandidateSet set) : this(input, set, FillOrder.Preference(set)) { }

    /// <summary>The allocations serving <paramref name="cores"/> with the request's spread and within budget, or null.</summary>
    public IReadOnlyList<Allocation>? TryServe(int cores)
    {
        // The budget trade-off and the served-cores search ask the same attempt for the same cores more
        // than once (a probe, then the plan), and the answer depends on nothing else.
        if (_served.TryGetValue(cores, out var known)) return known;
        var plan = BeyondBudget(cores) ? null : Search(cores);
        _served[cores] = plan;
        return plan;
    }

    private readonly Dictionary<int, IReadOnlyList<Allocation>?> _served = [];

    /// <summary>
    /// Whether even the cheapest fractional cores of this set, whatever their rank, cost more than the
    /// budget: a lower bound on every whole-unit plan's cost (any plan with largest zone L is a
    /// feasible point of the relaxation at cap L), so no search can succeed. The budget-bound path
    /// asks for many core counts and rank subsets that cannot be afforded; each used to pay a full cap
    /// scan and a zone re-pack before the budget check turned it down.
    /// </summary>
    private bool BeyondBudget(int cores)
    {
        // A budget that buys every usable unit never binds (the ample case pays nothing for the check).
        if ((double)input.BudgetLeft >= set.AllUnitsCostPerHour * (double)input.Request.WindowHours) return false;
        // The bound depends on the set and the request, not on this attempt's order: the budget
        // trade-off asks it of every ν's attempt over the same set for the same cores.
        var key = (cores, input.BudgetLeft, input.Request.WindowHours, input.Request.SurvivableShare);
        if (set.BeyondBudget.TryGetValue(key, out var known)) return known;
        return set.BeyondBudget[key] = RelaxedBeyondBudget(cores);
    }

    private bool RelaxedBeyondBudget(int cores)
    {
        var value = set.Relaxed(set.Cheapest).Optimum(cores, Survivable(cores)).Value;
        // A fen of slack: the decimal total is rounded to 0.01 CNY before it is held against the budget.
        return !value.MissesCores
            && value.Cost * (double)input.Request.WindowHours > (double)input.BudgetLeft * (1 + 1e-9) + 0.01;
    }

    private IReadOnlyList<Allocation>? Search(int cores)
    {
        var survivable = Survivable(cores);
        var units = new int[order.Sorted.Length];
        if (order.Lexicographic)
        {
            var found = CapSearch.Best(set, _withBudget, cores, survivable);
            if (!found.Score.Feasible) return null;
            _withBudget.Fill(found.Cap, cores, survivable, units);
            // Re-packing only ever lowers the cost (and worse-rank cores), so the budget still holds.
            Repack(units, cores, survivable);
        }
        else
        {
            // A penalised order is a Lagrangian pass: the best plan for its own objective whatever the
            // budget, re-packed zone by zone, then held against the budget.
            var found = CapSearch.Best(set, _ignoringBudget, cores, survivable);
            if (!found.Score.HasCapacity) return null;
            _ignoringBudget.Fill(found.Cap, cores, survivable, units);
            Repack(units, cores, survivable);
        }
        if (input.Options.MaxInstanceTypesPerMemberZone is { } maxTypes)
        {
            var limited = (int[])units.Clone();
            (_repack ??= new ZoneRepack(set, order)).LimitTypes(limited, cores, survivable, maxTypes, null);
            var tidy = Within(Materialize(limited));
            // A second way to keep the limit: plan from the first few types of every member zone alone.
            // Neither dominates (the first repairs a free plan zone by zone, the second picks types up
            // front), so the lighter plan that keeps the limit wins.
            _narrow ??= [
                Narrowed(set.FirstTypesPerMemberZone(order.Sorted, maxTypes)),
                // The cheapest types of a zone may hold little stock: also the ones holding the most cores, best rank first.
                Narrowed(set.FirstTypesPerMemberZone(order.Sorted.OrderBy(c => c.Rank).ThenByDescending(c => (long)c.Units * c.CoresPerUnit)
                    .ThenBy(c => c.PricePerCore), maxTypes)),
            ];
            IReadOnlyList<Allocation>? best = tidy;
            foreach (var narrowed in _narrow) best = Lightest(best, narrowed.TryServe(cores), maxTypes);
            // Held here whatever it costs: the planner plans once with the limit and once without and
            // lets the limit give way only when keeping it serves fewer cores or costs more than its share.
            return best;
        }
        // Held against the budget before the allocations are built: most of the budget trade-off's
        // probes fail here, and building (and sorting) a few hundred allocations each was a twentieth of it.
        return UnitsWithinBudget(units) ? Materialize(units) : null;
    }

    /// <summary>The same test as <see cref="Within"/> on the units (decimal sums are exact, so the order of adding does not matter).</summary>
    private bool UnitsWithinBudget(int[] units)
    {
        var cost = set.FixedCostPerHour;
        for (var i = 0; i < units.Length; i++)
            if (units[i] != 0) cost += units[i] * order.Sorted[i].Offering.PricePerHour!.Value;
        return Math.Round(cost * input.Request.WindowHours, 2, MidpointRounding.AwayFromZero) <= input.BudgetLeft;
    }

    private PlanAttempt[]? _narrow;

    private PlanAttempt Narrowed(CandidateSet sub)
    {
        var subOrder = order.Lexicographic ? FillOrder.Preference(sub) : FillOrder.Penalised(sub, order.Nu);
        return new PlanAttempt(input with { Options = input.Options with { MaxInstanceTypesPerMemberZone = null } }, sub, subOrder);
    }

    private static decimal Cost(IReadOnlyList<Allocation> plan) => plan.Sum(a => a.CostPerHour);

    /// <summary>Of two plans, the one that keeps the type limit and weighs less in this order (ranks, then cost); null when neither keeps it.</summary>
    private IReadOnlyList<Allocation>? Lightest(IReadOnlyList<Allocation>? a, IReadOnlyList<Allocation>? b, int maxTypes)
    {
        bool Keeps(IReadOnlyList<Allocation>? p) => p is not null
            && p.GroupBy(x => x.MemberZoneId).All(g => g.Select(x => x.OfferingId).Distinct().Count() <= maxTypes);
        if (!Keeps(a)) a = null;
        if (!Keeps(b)) b = null;
        if (a is null || b is null) return a ?? b;
        return Weight(b).IsLighterThan(Weight(a)) ? b : a;
    }

    private RepackWeight Weight(IReadOnlyList<Allocation> plan)
    {
        _rankOf ??= set.Sorted.ToDictionary(c => c.Offering.Id, c => c, StringComparer.Ordinal);
        RepackWeight w = default;
        foreach (var a in plan)
            if (_rankOf.TryGetValue(a.OfferingId, out var c)) w += RepackWeight.Of(order, c, a.Units);
        return w;
    }

    private Dictionary<string, Candidate>? _rankOf;

    /// <summary>The search judged the budget in double; the decimal total is the one that counts.</summary>
    private List<Allocation>? Within(List<Allocation> allocations) =>
        Planner.EstimatedTotal(allocations, input.Request) <= input.BudgetLeft ? allocations : null;


    /// <summary>Whether some plan serves <paramref name="cores"/> within budget; cheaper than <see cref="TryServe"/>.</summary>
    public bool CanServe(int cores) => order.Lexicographic
        ? CapSearch.Best(set, _withBudget, cores, Survivable(cores), anyFeasible: true).Score.Feasible
        : TryServe(cores) is not null;

    /// <summary>
    /// An upper bound on the cores this order can serve within budget: the most whose fractional
    /// cheapest fill fits it (whole units never hold more for less). Cheap: fractional fills only.
    /// </summary>
    public int MostCoresRelaxed() => _mostCoresRelaxed ??= SearchMostCoresRelaxed();

    // Both the served-cores search and the moves' stop ask for it.
    private int? _mostCoresRelaxed;

    private int SearchMostCoresRelaxed()
    {
        var relaxed = set.Relaxed(set.Cheapest);
        var maxCost = (double)input.BudgetLeft / (double)input.Request.WindowHours * (1 + 1e-9);
        bool Fits(int cores)
        {
            var value = relaxed.Optimum(cores, Survivable(cores)).Value;
            return !value.MissesCores && value.Cost <= maxCost;
        }
        int a = 0, b = input.Request.Cores;
        while (a < b)
        {
            var mid = a + (b - a + 1) / 2;
            if (Fits(mid)) a = mid; else b = mid - 1;
        }
        return a;
    }

    public bool FitsIgnoringBudget(int cores) =>
        CapSearch.Best(set, _ignoringBudget, cores, Survivable(cores)).Score.HasCapacity;

    /// <summary>The cost per hour of the best plan this order finds for <paramref name="cores"/> whatever the budget, or null when stock cannot hold them.</summary>
    public double? CostIgnoringBudget(int cores)
    {
        var found = CapSearch.Best(set, _ignoringBudget, cores, Survivable(cores));
        return found.Score.HasCapacity ? found.Score.CostPerHour : null;
    }

    public IReadOnlyList<Allocation> FixedOnly() => set.Fixed;

    private ZoneRepack? _repack;

    private void Repack(int[] units, long cores, long survivable) => (_repack ??= new ZoneRepack(set, order)).Improve(units, cores, survivable);

    private long Survivable(int cores) => (long)Math.Ceiling(input.Request.SurvivableShare * cores);

    private List<Allocation> Materialize(int[] units) => PlanMaterializer.Build(set, order.Sorted, units);
}
