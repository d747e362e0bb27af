namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Turns a request, the topology and the budget left into a plan (brief §5). Pure: no I/O, no clock,
/// no shared state, so the same input always gives the same plan.
/// <list type="number">
/// <item>Usable offerings: allowed zone, neither internal nor member zone Down, priced, in stock, not a
/// remembered stock-out, allowed by the tier (and, for Stateless, above the IDC headroom).</item>
/// <item>Served cores first: when the budget binds, the plan serves the most cores the cheapest plans
/// can buy, and only among plans serving that many cores do preference and then cost decide
/// (<see cref="BudgetTradeOff"/>).</item>
/// <item>Preference: see <see cref="PreferenceRank"/>; within a rank, cheapest cost per core first.
/// Staying within budget comes before preference: a worse rank (e.g. cloud for a HotCache service that
/// allows it, or IDC above the headroom for a Stateless one) is used when the better ranks cannot
/// serve within the budget.</item>
/// <item>Spread: every zone capped so that losing any one keeps the survivable share; the cap is
/// searched for the cheapest plan (<see cref="CapSearch"/>).</item>
/// <item>Budget: the estimated total never exceeds the budget left. When no plan serves every core
/// within stock, rules and budget, the plan serves as many requested cores as it can (with the same
/// spread) and states the shortfall and its causes.</item>
/// </list>
/// </summary>
public sealed partial class Planner : IPlanner
{
    public Plan Plan(PlanningInput input)
    {
        PlanningValidator.Validate(input);
        return PlanAround(input, CandidateSet.Build(input, [], new Dictionary<string, int>()));
    }

    /// <summary>
    /// Plans on top of <see cref="CandidateSet.Fixed"/>, which stays as it is (a re-plan's kept part).
    /// With a type limit, plans twice — every plan held to the limit, and free of it — and keeps the
    /// limited plan unless it serves fewer cores or costs more than the stated share above the free
    /// one (issue 13). Within either, served cores, then preference, then cost decide as usual.
    /// </summary>
    internal static Plan PlanAround(PlanningInput input, CandidateSet set)
    {
        if (input.Options.MaxInstanceTypesPerMemberZone is not { } maxTypes) return PlanWithin(input, set);
        var free = PlanWithin(input with { Options = input.Options with { MaxInstanceTypesPerMemberZone = null } }, set);
        // A free plan that keeps the limit anyway is the limited plan too (the common case on the demo's shapes).
        if (free.Allocations.GroupBy(a => a.MemberZoneId).All(g => g.Select(a => a.OfferingId).Distinct().Count() <= maxTypes)) return free;
        var limited = PlanWithin(input, set);
        var request = input.Request;
        var servedLimited = ServedCores(limited.Allocations, request.Cores, request.SurvivableShare);
        var servedFree = ServedCores(free.Allocations, request.Cores, request.SurvivableShare);
        var keep = servedLimited >= servedFree
            && limited.CostPerHour <= free.CostPerHour * (1 + input.Options.TypeLimitMaxExtraCostShare);
        var chosen = keep ? limited : free;
        var reason = TypeLimitReason(input, limited, free, servedLimited, servedFree, keep);
        return reason is null ? chosen : chosen with { Reasons = [.. chosen.Reasons, reason] };
    }

    private static PlanReason? TypeLimitReason(PlanningInput input, Plan limited, Plan free, int servedLimited, int servedFree, bool kept)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var max = input.Options.MaxInstanceTypesPerMemberZone!.Value;
        var share = input.Options.TypeLimitMaxExtraCostShare;
        if (kept)
            return free.CostPerHour > 0 && limited.CostPerHour > free.CostPerHour
                ? new PlanReason(PlanReasonKind.NodeShape, string.Format(c,
                    "At most {0} instance type(s) per member zone: {1:N2} CNY/h instead of {2:N2} with any mix (+{3:0.0%}, within the {4:0.##%} allowed).",
                    max, limited.CostPerHour, free.CostPerHour, limited.CostPerHour / free.CostPerHour - 1, share))
                : null;
        return new PlanReason(PlanReasonKind.NodeShape, servedLimited < servedFree
            ? string.Format(c, "The limit of {0} instance type(s) per member zone gives way: with it only {1:N0} cores could be served, without it {2:N0}.",
                max, servedLimited, servedFree)
            : string.Format(c, "The limit of {0} instance type(s) per member zone gives way: keeping it would cost {1:N2} CNY/h instead of {2:N2} (+{3:0.0%}, more than the {4:0.##%} allowed).",
                max, limited.CostPerHour, free.CostPerHour, free.CostPerHour > 0 ? limited.CostPerHour / free.CostPerHour - 1 : 0m, share));
    }

    private static Plan PlanWithin(PlanningInput input, CandidateSet set)
    {
        var request = input.Request;
        var share = request.SurvivableShare;
        var attempts = new PlanAttempts(input);
        var preferred = attempts.Preference(set);

        var plan = preferred.TryServe(request.Cores);
        var causes = ShortfallCause.None;
        PlanAttempt? cheapest = null;
        var budgetTraded = false;
        var enough = long.MaxValue; // served cores after which the whole-unit moves stop
        IReadOnlyList<Allocation>? moved = null; // the last plan of whole-unit moves
        var settled = false; // whether those moves ended with nothing more to find
        // Only for the hard rules: a degraded zone, or cloud for a hot-cache service (for Stateless,
        // rank 1 is healthy IDC, which the preference greedy already keeps to a minimum), because this
        // costs the ample path a second search.
        if (plan is not null && BudgetTradeOff.WorstRank(set, plan) is var worst
            && worst > 0 && (request.Tier == Services.ServiceTier.HotCache || worst >= 2))
        {
            // Fewer ranks first: a plan with no core of the worst rank it used is lexicographically better.
            var ranks = set.Sorted.Select(c => c.Rank).Distinct().Where(r => r < worst).Order().ToArray();
            if (ranks.Length > 0 && BudgetTradeOff.WithinRanks(input, set, attempts, request.Cores, ranks, ranks[^1], out var traded) is { } better)
                (plan, budgetTraded) = (better, traded);
        }
        if (plan is null)
        {
            // Served cores come first (issue 13): how many cores the budget can buy is decided by the
            // cheapest plans whatever their preference rank, not by the preference order, which would
            // stop at what the preferred (often dearer) capacity alone can buy.
            cheapest = attempts.Cheapest(set);
            // Every core first, rank level by rank level (see BudgetTradeOff): whole units make a search
            // over fewer ranks find plans the search over all of them can miss.
            plan = BudgetTradeOff.MostPreferred(input, set, attempts, request.Cores, out budgetTraded);
            var served = plan is null ? MostServed(cheapest, preferred, set) : request.Cores;
            // Whole units: the searches reason per cap and per order, and a short plan can leave a few
            // cores that other last units would buy. When moves from the cheapest plan serve more, the
            // most preferred plan for the served cores would only have been their start (its trade-off
            // search is a quarter of a budget-bound 100k-core plan): plan the gained cores instead.
            if (plan is null && served > 0)
            {
                // No plan serves more than the fractional most cores the budget buys, so at that bound no
                // further exchange is tried. Served cores are searched to the bound, not to within the
                // accepted gap of it: served cores come first, and the gap left seed 1011 of the quality
                // run one core short of the optimum.
                enough = cheapest.MostCoresRelaxed();
                if (cheapest.TryServe(served) is { } start && ServedSearch.Improve(input, set, start, enough, out settled) is { } more)
                    (plan, moved) = (MostPreferredServing(input, set, attempts, more, out budgetTraded), more);
            }
            // The decimal total of a plan can miss the budget by rounding where the search's doubles did
            // not; step down a little rather than search again.
            for (var step = 0; plan is null && step < 16 && served - step > 0; step++)
                plan = BudgetTradeOff.MostPreferred(input, set, attempts, served - step, out budgetTraded);
            plan ??= preferred.FixedOnly();
        }

        // The same moves from the plan as it stands, then the preference search for what they serve.
        for (var round = 0; round < 2 && Shortfall(plan, request.Cores, share) > 0 && ServedCores(plan, request.Cores, share) < enough; round++)
        {
            // The moves' own plan, where they ended with nothing found, would only be searched again.
            if (settled && ReferenceEquals(plan, moved)) break;
            if (ServedSearch.Improve(input, set, plan, enough, out settled) is not { } more) break;
            cheapest ??= attempts.Cheapest(set);
            (plan, moved) = (MostPreferredServing(input, set, attempts, more, out budgetTraded), more);
        }

        if (ServedSearch.Polish(input, set, plan) is { } cheaper) plan = cheaper;
        plan = StockConfidence.Mark(input.Topology, plan); // confirmed vs expected cores (issue 13)

        var shortfall = Shortfall(plan, request.Cores, share);
        decimal? fullTotal = null;
        if (shortfall > 0 && cheapest is not null)
        {
            var fullCost = cheapest.CostIgnoringBudget(request.Cores);
            fullTotal = fullCost is { } f ? Math.Round((decimal)f * request.WindowHours, 2) : null;
            causes = ShortfallExplainer.Causes(set, request, fullCost is not null);
        }
        var reason = shortfall == 0 ? null : ShortfallExplainer.Reason(set, input, plan, shortfall, causes, fullTotal);
        return new Plan(input.PlanId, request.RequestId, plan, shortfall, reason, EstimatedTotal(plan, request), input.Now, causes)
        {
            Reasons = PlanExplainer.Reasons(input, set, plan, shortfall, reason, budgetTraded),
        };
    }

    /// <summary>
    /// The most preferred plan serving as many cores as <paramref name="more"/> (a plan of whole-unit
    /// moves), or that plan itself when the preference search serves fewer.
    /// </summary>
    private static IReadOnlyList<Allocation> MostPreferredServing(PlanningInput input, CandidateSet set, PlanAttempts attempts,
        IReadOnlyList<Allocation> more, out bool traded)
    {
        var request = input.Request;
        var gained = ServedCores(more, request.Cores, request.SurvivableShare);
        var preferredPlan = BudgetTradeOff.MostPreferred(input, set, attempts, gained, out traded);
        if (preferredPlan is not null && ServedCores(preferredPlan, request.Cores, request.SurvivableShare) >= gained) return preferredPlan;
        traded = true;
        return more;
    }

    /// <summary>
    /// The gallop's first step below the fractional bound. Whole units lose a few cores to the bound,
    /// or none: on the 127 compared inputs the loss was 0 on 23, 1–15 on 39, more on the rest (up to
    /// thousands where the spread binds). A probe is a whole plan (fill and re-pack), so starting at 1
    /// paid three failing probes for a loss of 10 (the budget-bound 100k plan: 9 probes, now 6); from
    /// 16 every one of them planned the same, with 13% fewer probes in all.
    /// </summary>
    private const int FirstGallopStep = 16;

    /// <summary>
    /// The most cores the cheapest plans serve within budget and stock. The fractional bound is an upper
    /// limit; whole units lose a few cores to it, so the search gallops down from it and then bisects.
    /// </summary>
    private static int MostServed(PlanAttempt cheapest, PlanAttempt preferred, CandidateSet set)
    {
        var upper = cheapest.MostCoresRelaxed();
        int fail = upper + 1, probe = upper;
        for (var step = FirstGallopStep; probe > 0 && !cheapest.CanServe(probe); step *= 2)
        {
            fail = probe;
            probe = Math.Max(0, upper - step);
        }
        if (probe > 0)
            while (fail - probe > 1)
            {
                var mid = probe + (fail - probe) / 2;
                if (cheapest.CanServe(mid)) probe = mid; else fail = mid;
            }
        // Whole units make "can serve" jagged in the cores, so the gallop can land far below the bound
        // (even at 0). Then the preference order's own bisection, which the planner used before, is
        // asked too, and the larger answer stands.
        var unit = set.Sorted.Select(c => c.CoresPerUnit).DefaultIfEmpty(1).Max();
        if (probe < upper - unit) probe = Math.Max(probe, Bisect(preferred, upper));
        return probe;
    }

    private static int Bisect(PlanAttempt attempt, int hi)
    {
        var lo = 0;
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (attempt.CanServe(mid)) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>The order in which a plan's capacity is given back after the event (see <see cref="ReleaseOrder"/>).</summary>
    public IReadOnlyList<Allocation> OrderForRelease(Plan plan) => ReleaseOrder.Of(plan.Allocations);

    /// <summary>Cost per hour × window hours, rounded to the fen (0.01 CNY).</summary>
    public static decimal EstimatedTotal(IEnumerable<Allocation> allocations, PlanningRequest request) =>
        Math.Round(allocations.Sum(a => a.CostPerHour) * request.WindowHours, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The most of the N requested cores the plan serves with the request's spread: the largest M ≤ N
    /// with P ≥ M and, for every internal zone, P − cores(zone) ≥ ⌈s·M⌉. The quantity a budget-bound
    /// plan maximises first (issue 13).
    /// </summary>
    public static int ServedCores(IReadOnlyList<Allocation> allocations, int cores, decimal survivableShare)
    {
        var (planned, largestZone) = PlannedAndLargestZone(allocations);
        var outside = planned - largestZone;
        var bySpread = survivableShare <= 0 ? long.MaxValue : (long)Math.Floor(outside / survivableShare);
        // ⌈s·M⌉ ≤ outside ⇔ s·M ≤ outside for whole cores, so the floor is exact.
        return (int)Math.Min(cores, Math.Min(planned, bySpread));
    }

    /// <summary>
    /// max(N − P, ⌈s·N⌉ − (P − largest zone), 0): the cores missing from the request, or the survivable
    /// cores missing after the worst single-zone loss, whichever is larger.
    /// </summary>
    public static int Shortfall(IReadOnlyList<Allocation> allocations, int cores, decimal survivableShare)
    {
        var (planned, largestZone) = PlannedAndLargestZone(allocations);
        var survivable = (long)Math.Ceiling(survivableShare * cores);
        return (int)Math.Max(0, Math.Max(cores - planned, survivable - (planned - largestZone)));
    }

    /// <summary>
    /// The planned cores and the cores of the largest internal zone. A plan's allocations come zone by
    /// zone, so a run of one zone is summed before it is looked up (grouping 340 allocations by their
    /// zone's id was a fiftieth of a 100k-core plan, asked half a dozen times per pass).
    /// </summary>
    private static (long Planned, long LargestZone) PlannedAndLargestZone(IReadOnlyList<Allocation> allocations)
    {
        long planned = 0;
        var byZone = new Dictionary<string, long>(StringComparer.Ordinal);
        string? zone = null;
        long run = 0;
        foreach (var a in allocations)
        {
            planned += a.Cores;
            if (zone is not null && !string.Equals(zone, a.InternalZoneId, StringComparison.Ordinal))
            {
                byZone[zone] = byZone.GetValueOrDefault(zone) + run;
                run = 0;
            }
            zone = a.InternalZoneId;
            run += a.Cores;
        }
        if (zone is not null) byZone[zone] = byZone.GetValueOrDefault(zone) + run;
        return (planned, byZone.Count == 0 ? 0 : byZone.Values.Max());
    }
}
