namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The plan attempts of one planning pass, one per candidate set and fill order, kept for the whole
/// pass. An attempt's answers depend only on its input, set, order and the cores asked for, so the
/// budget trade-off's second and third runs (after the served-cores search gains a few cores) reuse
/// the first run's sorted orders, remembered answers and zone packings instead of starting over.
/// </summary>
internal sealed class PlanAttempts(PlanningInput input)
{
    private enum Order { Preference, Cheapest, Penalised }

    private readonly Dictionary<(CandidateSet Set, Order Order, double Nu), PlanAttempt> _attempts = [];

    /// <summary>The preference order over <paramref name="set"/>.</summary>
    public PlanAttempt Preference(CandidateSet set) => Get(set, Order.Preference, 0);

    /// <summary>The cheapest order over <paramref name="set"/> (cost per core alone).</summary>
    public PlanAttempt Cheapest(CandidateSet set) => Get(set, Order.Cheapest, 0);

    /// <summary>The order with rank penalty <paramref name="nu"/> over <paramref name="set"/>.</summary>
    public PlanAttempt Penalised(CandidateSet set, double nu) => Get(set, Order.Penalised, nu);

    private PlanAttempt Get(CandidateSet set, Order kind, double nu)
    {
        if (_attempts.TryGetValue((set, kind, nu), out var known)) return known;
        var attempt = kind switch
        {
            Order.Preference => new PlanAttempt(input, set),
            Order.Cheapest => new PlanAttempt(input, set, set.Cheapest),
            _ => new PlanAttempt(input, set, FillOrder.Penalised(set, nu)),
        };
        _attempts[(set, kind, nu)] = attempt;
        return attempt;
    }
}
