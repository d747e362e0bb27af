namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Turns a request, the topology and the budget left into a plan (brief §5). Pure: no I/O, no clock,
/// no shared state, so the same input always gives the same plan.
/// <list type="number">
/// <item>Usable offerings: allowed zone, neither internal nor member zone Down, priced, in stock, not a
/// remembered stock-out, allowed by the tier (and, for Stateless, above the IDC headroom).</item>
/// <item>Preference: see <see cref="PreferenceRank"/>; within a rank, cheapest cost per core first.
/// Staying within budget comes before preference: a worse rank (e.g. cloud for a HotCache service that
/// allows it) is used when the better ranks cannot serve within the budget.</item>
/// <item>Spread: every zone capped so that losing any one keeps the survivable share; the cap is
/// searched for the cheapest plan (<see cref="CapSearch"/>).</item>
/// <item>Budget: the estimated total never exceeds the budget left. When no plan serves every core
/// within stock, rules and budget, the plan serves as many requested cores as it can (with the same
/// spread) and states the shortfall and its causes.</item>
/// </list>
/// </summary>
public sealed partial class Planner
{
    public Plan Plan(PlanningInput input)
    {
        PlanningValidator.Validate(input);
        return PlanAround(input, CandidateSet.Build(input, [], new Dictionary<string, int>()));
    }

    /// <summary>Plans on top of <see cref="CandidateSet.Fixed"/>, which stays as it is (a re-plan's kept part).</summary>
    internal static Plan PlanAround(PlanningInput input, CandidateSet set)
    {
        var request = input.Request;
        var share = request.SurvivableShare;
        var attempt = new PlanAttempt(input, set);

        var plan = attempt.TryServe(request.Cores);
        var causes = ShortfallCause.None;
        if (plan is null)
        {
            // Serve the largest part of the request that fits; feasibility shrinks as the part grows.
            int lo = 0, hi = request.Cores - 1;
            while (lo < hi)
            {
                var mid = lo + (hi - lo + 1) / 2;
                if (attempt.CanServe(mid)) lo = mid; else hi = mid - 1;
            }
            // CanServe judges money in double; in the rare case the exact decimal total of the best plan
            // for lo misses the budget by rounding, step down a little rather than search again.
            for (var step = 0; plan is null && step < 16 && lo - step > 0; step++) plan = attempt.TryServe(lo - step);
            plan ??= attempt.FixedOnly();
            causes = ShortfallExplainer.Causes(set, request, attempt.FitsIgnoringBudget(request.Cores));
        }

        var shortfall = Shortfall(plan, request.Cores, share);
        if (shortfall == 0) causes = ShortfallCause.None;
        return new Plan(input.PlanId, request.RequestId, plan, shortfall,
            shortfall == 0 ? null : ShortfallExplainer.Reason(set, request, shortfall, causes),
            EstimatedTotal(plan, request), input.Now, causes);
    }

    /// <summary>The order in which a plan's capacity is given back after the event (see <see cref="ReleaseOrder"/>).</summary>
    public IReadOnlyList<Allocation> OrderForRelease(Plan plan) => ReleaseOrder.Of(plan.Allocations);

    /// <summary>Cost per hour × window hours, rounded to the fen (0.01 CNY).</summary>
    public static decimal EstimatedTotal(IEnumerable<Allocation> allocations, PlanningRequest request) =>
        Math.Round(allocations.Sum(a => a.CostPerHour) * request.WindowHours, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// max(N − P, ⌈s·N⌉ − (P − largest zone), 0): the cores missing from the request, or the survivable
    /// cores missing after the worst single-zone loss, whichever is larger.
    /// </summary>
    public static int Shortfall(IReadOnlyList<Allocation> allocations, int cores, decimal survivableShare)
    {
        var planned = allocations.Sum(a => (long)a.Cores);
        var largestZone = allocations.GroupBy(a => a.InternalZoneId).Select(g => g.Sum(a => (long)a.Cores)).DefaultIfEmpty().Max();
        var survivable = (long)Math.Ceiling(survivableShare * cores);
        return (int)Math.Max(0, Math.Max(cores - planned, survivable - (planned - largestZone)));
    }
}
