namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The order in which a fill takes offerings, and how it scores what it took.
/// <list type="bullet">
/// <item><see cref="Preference"/>: preference rank, then cost per core; fills compare their cores per
/// rank lexicographically, then cost (the policy when the budget does not bind).</item>
/// <item><see cref="Penalised"/>: every core of rank r counts as ν·r CNY per hour dearer than it is; fills
/// compare cost + ν·Σ rank·cores. ν = 0 is the cheapest plan whatever the preferences, which is what
/// decides how many cores a budget can buy. Between that and the preference order, the largest ν
/// whose plan still fits the budget is the most preferred plan the budget allows (a Lagrangian
/// relaxation of "fewest worse-rank cores subject to cost ≤ budget").</item>
/// </list>
/// </summary>
internal sealed class FillOrder
{
    private FillOrder(Candidate[] sorted, bool lexicographic, double nu)
    {
        Sorted = sorted;
        Lexicographic = lexicographic;
        Nu = nu;
    }

    public Candidate[] Sorted { get; }

    /// <summary>True for the preference order; false when ranks are a price penalty <see cref="Nu"/>.</summary>
    public bool Lexicographic { get; }

    /// <summary>CNY per core-hour added per rank step (penalised orders only).</summary>
    public double Nu { get; }

    /// <summary>The preference order of <paramref name="set"/> (one instance per set, so its least-wanted order is built once).</summary>
    public static FillOrder Preference(CandidateSet set) => set.PreferenceOrder;

    internal static FillOrder NewPreference(CandidateSet set) => new(set.Sorted, true, 0);

    /// <summary>
    /// Indices into <see cref="Sorted"/>, least wanted first (worst rank, then dearest unit; in a
    /// penalised order the heaviest unit value), the order a fill gives back units it does not need;
    /// and each index's place in it. Built on first use and shared by every fill of this order.
    /// </summary>
    public (int[] Order, int[] PlaceOf) LeastWanted => _leastWanted ??= RankLeastWanted();

    private (int[] Order, int[] PlaceOf)? _leastWanted;

    private (int[] Order, int[] PlaceOf) RankLeastWanted()
    {
        // Sorted on precomputed keys compared inline (a comparison delegate reading two candidates per
        // step was most of this sort, and the budget trade-off builds one order per ν): the same total order.
        var sorted = Sorted;
        var keys = new LeastWantedKey[sorted.Length];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = Lexicographic ? new(sorted[i].Rank, sorted[i].PricePerUnit, i) : new(0, UnitValue(sorted[i]), i);
        Array.Sort(keys);
        var order = new int[keys.Length];
        var placeOf = new int[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            order[p] = keys[p].Index;
            placeOf[order[p]] = p;
        }
        return (order, placeOf);
    }

    /// <summary>Least wanted first: worst rank, then heaviest unit, then the later index (one rank for a penalised order, whose value holds it).</summary>
    private readonly record struct LeastWantedKey(int Rank, double Value, int Index) : IComparable<LeastWantedKey>
    {
        public int CompareTo(LeastWantedKey other)
        {
            var c = other.Rank.CompareTo(Rank);
            if (c == 0) c = other.Value.CompareTo(Value);
            return c != 0 ? c : other.Index.CompareTo(Index);
        }
    }

    /// <summary>What one unit weighs in the order's own objective: its price, plus the rank penalty when penalised.</summary>
    public double UnitValue(Candidate c) => Lexicographic ? c.PricePerUnit : c.PricePerUnit + Nu * c.Rank * c.CoresPerUnit;

    public static FillOrder Penalised(CandidateSet set, double nu)
    {
        // Sorted on precomputed keys compared inline (the decimal-to-double price per core was converted
        // in every comparison, then read through a delegate; the budget trade-off builds one order per ν):
        // the same keys, the same order.
        var original = set.Sorted;
        var sorted = new Candidate[original.Length];
        var keys = new PenalisedKey[original.Length];
        for (var i = 0; i < original.Length; i++) keys[i] = new(Key(original[i], nu), original[i].Rank, original[i].Offering.Id, i);
        Array.Sort(keys);
        for (var i = 0; i < keys.Length; i++) sorted[i] = original[keys[i].Index];
        return new FillOrder(sorted, false, nu);
    }

    /// <summary>Effective price per core, then rank, then ordinal id (unique, so the order is total).</summary>
    private readonly record struct PenalisedKey(double Key, int Rank, string Id, int Index) : IComparable<PenalisedKey>
    {
        public int CompareTo(PenalisedKey other)
        {
            var c = Key.CompareTo(other.Key);
            if (c == 0) c = Rank.CompareTo(other.Rank);
            return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
        }
    }

    /// <summary>The effective price per core the penalised order sorts by.</summary>
    public static double Key(Candidate c, double nu) => (double)c.PricePerCore + nu * c.Rank;

    /// <summary>Whether two candidates may stand in for each other when covering the last few cores.</summary>
    public bool SameClass(Candidate a, Candidate b) => !Lexicographic || a.Rank == b.Rank;

    /// <summary>
    /// A ν large enough that the penalised order is the preference order: one rank step outweighs any
    /// difference in price per core.
    /// </summary>
    public static double NuAtPreference(CandidateSet set)
    {
        if (set.Sorted.Length == 0) return 1;
        var prices = set.Sorted.Select(c => (double)c.PricePerCore).ToArray();
        return prices.Max() - prices.Min() + 1e-3;
    }
}
