namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The same fill as <see cref="CapFiller"/> with fractional units: a linear program whose
/// lexicographic optimum (fewest missing cores, then fewest of rank 3, 2, 1, then cost) the greedy
/// finds exactly, since per-zone caps and per-offering stock form a polymatroid. Its value is convex in
/// the cap (an LP's value in a right-hand side), so a golden-section search finds the cap where the whole-unit
/// search should look. Comparing the parts in order, rather than adding weighted parts, keeps cost
/// visible to the search even when a million cores of a worse rank are involved.
/// <para>
/// In the cheapest order (<see cref="CandidateSet.Cheapest"/>) the fill takes the cheapest cores whatever their rank: its best cost is a
/// lower bound on the cost of any plan, fractional or whole, which lets the search give up at once on
/// a budget nothing can meet. In a penalised <see cref="FillOrder"/> the value compared after the
/// missing cores is cost plus the rank penalty, which is again linear, so the same convexity holds.
/// </para>
/// </summary>
internal sealed class RelaxedFill(CandidateSet set, FillOrder order)
{

    /// <summary>Below this many missing cores the fractional fill counts as complete (double rounding).</summary>
    private const double Tolerance = 1e-6;

    public readonly record struct Value(double Missing, double Rank3, double Rank2, double Rank1, double Cost, double Objective, bool Lexicographic)
    {
        public bool MissesCores => Missing > Tolerance;

        public bool IsBetterThan(Value other) =>
            Math.Abs(Missing - other.Missing) > Tolerance ? Missing < other.Missing
            : !Lexicographic ? Objective < other.Objective
            : Rank3 != other.Rank3 ? Rank3 < other.Rank3
            : Rank2 != other.Rank2 ? Rank2 < other.Rank2
            : Rank1 != other.Rank1 ? Rank1 < other.Rank1
            : Cost < other.Cost;
    }

    // The order's candidates as plain arrays: the fill reads five fields of each, and a budget-bound
    // 100k-core plan runs thousands of fills over 1,280 candidates (walking the candidate structs was
    // most of their time).
    private readonly int[] _zone = order.Sorted.Select(static c => c.Zone).ToArray();
    private readonly int[] _rankOf = order.Sorted.Select(static c => c.Rank).ToArray();
    private readonly double[] _cores = order.Sorted.Select(static c => (double)c.Units * c.CoresPerUnit).ToArray();
    private readonly double[] _pricePerCore = order.Sorted.Select(static c => c.PricePerUnit / c.CoresPerUnit).ToArray();
    private readonly double[] _room = new double[set.ZoneIds.Length];
    private readonly double[] _rank = new double[PreferenceRank.Count];
    private readonly double _fixedCost = (double)set.FixedCostPerHour;

    public Value At(long cap, long cores, long survivableCores)
    {
        for (var z = 0; z < _room.Length; z++) _room[z] = Math.Max(0, cap - set.FixedCoresByZone[z]);
        Array.Clear(_rank);
        double need = Math.Max(cores, cap + survivableCores) - set.FixedCores, cost = _fixedCost;
        for (var i = 0; i < _zone.Length && need > 0; i++)
        {
            var z = _zone[i];
            var take = Math.Min(need, Math.Min(_room[z], _cores[i]));
            if (take <= 0) continue;
            _room[z] -= take;
            need -= take;
            cost += take * _pricePerCore[i];
            _rank[_rankOf[i]] += take;
        }
        var objective = cost + order.Nu * (_rank[1] + 2 * _rank[2] + 3 * _rank[3]);
        return new Value(Math.Max(0, need), _rank[3], _rank[2], _rank[1], cost, objective, order.Lexicographic);
    }

    /// <summary>
    /// The best relaxed value over every cap a plan of <paramref name="cores"/> can have: from the least
    /// that keeps the survivable cores (or the largest kept zone) to the largest zone's capacity.
    /// </summary>
    public (long Cap, Value Value) Optimum(long cores, long survivableCores)
    {
        var (lo, hi) = CapRange(set, cores, survivableCores);
        return Best(lo, hi, cores, survivableCores);
    }

    /// <summary>The caps a plan of <paramref name="cores"/> can have (see <see cref="Optimum"/>).</summary>
    public static (long Lo, long Hi) CapRange(CandidateSet set, long cores, long survivableCores)
    {
        var lo = Math.Max(Math.Max(cores - survivableCores, 0), set.FixedCoresByZone.DefaultIfEmpty().Max());
        return (lo, Math.Max(lo, set.CapacityByZone.DefaultIfEmpty().Max()));
    }

    /// <summary>The cap in [lo, hi] with the best relaxed value (golden-section search on a convex function); remembered, see <see cref="CandidateSet.Relaxed"/>.</summary>
    public (long Cap, Value Value) Best(long lo, long hi, long cores, long survivableCores)
    {
        if (_best.TryGetValue((lo, hi, cores, survivableCores), out var known)) return known;
        return _best[(lo, hi, cores, survivableCores)] = Search(lo, hi, cores, survivableCores);
    }

    private readonly Dictionary<(long Lo, long Hi, long Cores, long Survivable), (long Cap, Value Value)> _best = [];

    private (long Cap, Value Value) Search(long lo, long hi, long cores, long survivableCores)
    {
        // Golden-section search on the integers: each step keeps one of its two probes, so a step costs
        // one fill where a ternary step cost two (a budget-bound 100k-core plan runs thousands of fills).
        // On a convex value, a probe d right of c that is better puts the best cap in [c, hi], else in [lo, d].
        const double shrink = 0.6180339887498949;
        if (hi - lo > 3)
        {
            var c = hi - (long)Math.Round((hi - lo) * shrink);
            var d = lo + (long)Math.Round((hi - lo) * shrink);
            if (d <= c) d = c + 1;
            var (vc, vd) = (At(c, cores, survivableCores), At(d, cores, survivableCores));
            while (hi - lo > 3)
            {
                if (vd.IsBetterThan(vc))
                {
                    (lo, c, vc) = (c, d, vd);
                    d = Math.Max(lo + (long)Math.Round((hi - lo) * shrink), c + 1);
                    if (d > hi) break;
                    vd = At(d, cores, survivableCores);
                }
                else
                {
                    (hi, d, vd) = (d, c, vc);
                    c = Math.Min(hi - (long)Math.Round((hi - lo) * shrink), d - 1);
                    if (c < lo) break;
                    vc = At(c, cores, survivableCores);
                }
            }
        }
        var best = (Cap: lo, Value: At(lo, cores, survivableCores));
        for (var cap = lo + 1; cap <= hi; cap++)
        {
            var value = At(cap, cores, survivableCores);
            if (value.IsBetterThan(best.Value)) best = (cap, value);
        }
        return best;
    }
}
