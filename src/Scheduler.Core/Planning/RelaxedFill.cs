namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The same fill as <see cref="CapFiller"/> with fractional units: a linear program whose optimum the
/// greedy finds exactly (per-zone caps and per-offering stock form a polymatroid). Its value, with worse
/// ranks and any missing cores priced in by large weights, is convex in the cap, so ternary search finds
/// the cap where the whole-unit search should look.
/// </summary>
internal sealed class RelaxedFill(CandidateSet set)
{
    // Weights that make the ranks (and, above all, missing cores) dominate cost: costs per core are
    // well under 1e3 CNY an hour, and plans stay under 1e7 cores, so each weight outruns the level below.
    private static readonly double[] RankWeight = [0, 1e3, 1e6, 1e9];
    private const double MissingCoreWeight = 1e12;

    private readonly double[] _room = new double[set.ZoneIds.Length];

    public double Value(long cap, long cores, long survivableCores)
    {
        for (var z = 0; z < _room.Length; z++) _room[z] = Math.Max(0, cap - set.FixedCoresByZone[z]);
        double need = Math.Max(cores, cap + survivableCores) - set.FixedCores, value = 0;
        foreach (var c in set.Sorted)
        {
            if (need <= 0) break;
            var take = Math.Min(need, Math.Min(_room[c.Zone], (double)c.Units * c.CoresPerUnit));
            if (take <= 0) continue;
            _room[c.Zone] -= take;
            need -= take;
            value += take * (c.PricePerUnit / c.CoresPerUnit + RankWeight[c.Rank]);
        }
        return value + Math.Max(0, need) * MissingCoreWeight;
    }

    /// <summary>The cap in [lo, hi] with the lowest relaxed value (ternary search on a convex function).</summary>
    public long BestCap(long lo, long hi, long cores, long survivableCores)
    {
        while (hi - lo > 2)
        {
            var m1 = lo + (hi - lo) / 3;
            var m2 = hi - (hi - lo) / 3;
            if (Value(m1, cores, survivableCores) <= Value(m2, cores, survivableCores)) hi = m2; else lo = m1;
        }
        var best = lo;
        for (var cap = lo + 1; cap <= hi; cap++)
            if (Value(cap, cores, survivableCores) < Value(best, cores, survivableCores)) best = cap;
        return best;
    }
}
