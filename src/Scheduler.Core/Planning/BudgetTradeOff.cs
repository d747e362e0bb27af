namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The most preferred plan that serves a given number of cores within the budget.
/// <list type="number">
/// <item>The preference order, when its plan fits the budget.</item>
/// <item>Otherwise the fewest preference ranks that can do it: the smallest rank R such that the
/// cheapest plan using only ranks ≤ R fits (so a HotCache plan stays on IDC, and a plan on healthy
/// zones, whenever the budget allows — worse ranks are a hard "only if needed").</item>
/// <item>Within those ranks, the rank penalty ν of a <see cref="FillOrder.Penalised"/> order is
/// bisected between 0 (the cheapest plan, which fits) and the value at which it equals the preference
/// order, keeping the best plan that fits: fewest cores of the worst rank, then the next, then cost.</item>
/// </list>
/// </summary>
internal static class BudgetTradeOff
{
    // Each step halves the ν interval; 6 steps leave it at 1/64 of the price-per-core spread. Going
    // from 10 steps (and a full cap scan) to 6 (and a strided one) made budget-bound plans about 3x
    // faster and moved the served cores of the quality instances by at most 4 of thousands.
    private const int Steps = 6;

    /// <param name="traded">Whether the plan is not the preference order's (the budget made the planner trade).</param>
    public static IReadOnlyList<Allocation>? MostPreferred(PlanningInput input, CandidateSet set,
        PlanAttempts attempts, int cores, out bool traded)
    {
        traded = false;
        // The whole request was already tried in the preference order by the caller.
        if (cores < input.Request.Cores && attempts.Preference(set).TryServe(cores) is { } plan) return plan;
        traded = true;
        var ranks = set.Sorted.Select(c => c.Rank).Distinct().Order().ToArray();
        return ranks.Length == 0 ? null : WithinRanks(input, set, attempts, cores, ranks, ranks[^1], out _);
    }

    /// <summary>
    /// A plan for <paramref name="cores"/> that uses no rank above <paramref name="top"/>, from the fewest
    /// ranks that can do it within budget; null when none can. A plan the preference order found
    /// with a worse rank can be bettered this way: its greedy fills each cap by rank and cannot trade a
    /// preferred but dear rank for a cheaper one to stay within budget, so it may reach for a degraded
    /// zone where healthy IDC would have done.
    /// </summary>
    /// <param name="traded">Whether the plan came from the budget trade-off rather than a preference order.</param>
    public static IReadOnlyList<Allocation>? WithinRanks(PlanningInput input, CandidateSet set, PlanAttempts attempts, int cores,
        int[] ranks, int top, out bool traded)
    {
        traded = false;
        var maxRank = set.Sorted.Select(c => c.Rank).DefaultIfEmpty(-1).Max();
        foreach (var rank in ranks.Where(r => r <= top))
        {
            var all = rank >= maxRank;
            var sub = all ? set : set.UpToRank(rank);
            // The preference order within these ranks, when it fits, is the most preferred of them (the
            // whole set's was tried by the caller); its budget-aware cap search also finds plans the
            // cheapest order's Lagrangian pass can miss.
            if (!all && attempts.Preference(sub).TryServe(cores) is { } preferredWithin) return preferredWithin;
            if (attempts.Cheapest(sub).TryServe(cores) is { } affordable)
            {
                traded = true;
                return Bisect(sub, attempts, affordable, cores);
            }
        }
        return null;
    }

    /// <summary>The worst preference rank a plan uses (kept allocations of a re-plan aside), or -1.</summary>
    public static int WorstRank(CandidateSet set, IReadOnlyList<Allocation> plan)
    {
        var rankOf = set.Sorted.ToDictionary(c => c.Offering.Id, c => c.Rank, StringComparer.Ordinal);
        return plan.Select(a => rankOf.TryGetValue(a.OfferingId, out var r) ? r : -1).DefaultIfEmpty(-1).Max();
    }

    private static IReadOnlyList<Allocation> Bisect(CandidateSet set, PlanAttempts attempts, IReadOnlyList<Allocation> best, int cores)
    {
        var rankOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in set.Sorted) rankOf[c.Offering.Id] = c.Rank;
        var bestScore = Score(best, rankOf);
        double lo = 0, hi = FillOrder.NuAtPreference(set);
        for (var step = 0; step < Steps; step++)
        {
            var nu = (lo + hi) / 2;
            var found = attempts.Penalised(set, nu).TryServe(cores);
            if (found is null) { hi = nu; continue; }
            lo = nu;
            var score = Score(found, rankOf);
            if (IsBetter(score, bestScore)) (best, bestScore) = (found, score);
        }
        return best;
    }

    private static (long R3, long R2, long R1, decimal Cost) Score(IReadOnlyList<Allocation> plan, Dictionary<string, int> rankOf)
    {
        var ranks = new long[PreferenceRank.Count];
        // Kept allocations of a re-plan may use offerings no longer in the candidate set; they are in every plan alike.
        foreach (var a in plan) if (rankOf.TryGetValue(a.OfferingId, out var r)) ranks[r] += a.Cores;
        return (ranks[3], ranks[2], ranks[1], plan.Sum(a => a.CostPerHour));
    }

    private static bool IsBetter((long R3, long R2, long R1, decimal Cost) a, (long R3, long R2, long R1, decimal Cost) b) =>
        a.R3 != b.R3 ? a.R3 < b.R3 : a.R2 != b.R2 ? a.R2 < b.R2 : a.R1 != b.R1 ? a.R1 < b.R1 : a.Cost < b.Cost;
}
