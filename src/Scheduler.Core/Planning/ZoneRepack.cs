namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Re-packs each internal zone of a fill with the cheapest mix of unit sizes that still keeps the
/// spread. Holding the other zones fixed, zone z must hold at least
/// max(M − P_other, S + (largest other zone) − P_other) cores, and any mix that does keeps the plan
/// valid (it may even grow past the others: P_other ≥ S already held). The greedy fill takes the
/// cheapest size in bulk and overshoots at the end; budget-bound plans live on that last margin
/// (issue 13: a zone of 81 × 96 + 2 × 64 + 3 × 2 cores where the fill took 82 × 96 + 64 is what
/// lets 23,782 cores instead of 23,766 fit a 15,000 CNY budget). Per zone: bulk by weight per core
/// down to a tail of a few largest units, then an exact bounded knapsack over the tail.
/// Weights are the order's own (<see cref="RepackWeight"/>): ranks then price, or price plus the rank penalty.
/// </summary>
internal sealed class ZoneRepack
{
    private const int Sweeps = 2;
    private const int TailUnits = 4;

    private readonly CandidateSet _set;
    private readonly FillOrder _order;
    private readonly int[][] _byZone;

    public ZoneRepack(CandidateSet set, FillOrder order)
    {
        _set = set;
        _order = order;
        var lists = Enumerable.Range(0, set.ZoneIds.Length).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < order.Sorted.Length; i++) lists[order.Sorted[i].Zone].Add(i);
        // Lightest per core first, for the bulk part: the order's own order already is.
        _byZone = lists.Select(l => l.ToArray()).ToArray();
    }

    private RepackWeight Weight(Candidate c, long units) => RepackWeight.Of(_order, c, units);

    /// <summary>Improves <paramref name="units"/> (indexed like the order) in place; the result serves the same cores with the same spread.</summary>
    public void Improve(int[] units, long cores, long survivableCores)
    {
        var sorted = _order.Sorted;
        var zoneCores = (long[])_set.FixedCoresByZone.Clone();
        for (var i = 0; i < units.Length; i++) zoneCores[sorted[i].Zone] += (long)units[i] * sorted[i].CoresPerUnit;
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var changed = false;
            for (var z = 0; z < zoneCores.Length; z++)
            {
                if (_byZone[z].Length == 0) continue;
                var total = zoneCores.Sum();
                var other = total - zoneCores[z];
                long largestOther = 0;
                for (var w = 0; w < zoneCores.Length; w++) if (w != z) largestOther = Math.Max(largestOther, zoneCores[w]);
                var need = Math.Max(0, Math.Max(cores - other, survivableCores + largestOther - other)) - _set.FixedCoresByZone[z];
                var current = default(RepackWeight);
                foreach (var i in _byZone[z]) current += Weight(sorted[i], units[i]);
                var packed = Pack(z, Math.Max(0, need));
                if (packed is null) continue;
                var weight = default(RepackWeight);
                long packedCores = 0;
                foreach (var i in _byZone[z]) { weight += Weight(sorted[i], packed[i]); packedCores += (long)packed[i] * sorted[i].CoresPerUnit; }
                if (!weight.IsLighterThan(current)) continue;
                foreach (var i in _byZone[z]) units[i] = packed[i];
                zoneCores[z] = _set.FixedCoresByZone[z] + packedCores;
                changed = true;
            }
            if (!changed) break;
        }
    }

    /// <summary>The cheapest units of zone <paramref name="z"/> holding at least <paramref name="need"/> cores, or null when stock cannot.</summary>
    private int[]? Pack(int z, long need)
    {
        var sorted = _order.Sorted;
        var result = new int[sorted.Length];
        if (need == 0) return result;
        var candidates = _byZone[z];
        var largest = candidates.Max(i => sorted[i].CoresPerUnit);
        var tail = (long)TailUnits * largest;
        var remaining = need;
        var left = new int[candidates.Length];
        for (var k = 0; k < candidates.Length; k++)
        {
            var c = sorted[candidates[k]];
            left[k] = c.Units;
            if (remaining <= tail) continue;
            var take = (int)Math.Min(c.Units, (remaining - tail) / c.CoresPerUnit);
            result[candidates[k]] = take;
            left[k] -= take;
            remaining -= (long)take * c.CoresPerUnit;
            // Only a size that ran out hands the bulk on to the next (dearer) one; the rest is the tail's.
            if (take < c.Units) tail = remaining;
        }
        if (remaining > tail + largest) return null; // the zone's stock ran out in the bulk part
        // An exact bounded knapsack over the tail: items split into powers of two of the units left.
        var span = (int)(remaining + largest);
        var pieces = new List<(int K, int Count)>();
        for (var k = 0; k < candidates.Length; k++)
        {
            var max = (int)Math.Min(left[k], span / sorted[candidates[k]].CoresPerUnit + 1);
            for (var p = 1; max > 0; p <<= 1)
            {
                var count = Math.Min(p, max);
                pieces.Add((k, count));
                max -= count;
            }
        }
        var best = new RepackWeight[span + 1];
        Array.Fill(best, RepackWeight.Infinite);
        best[0] = default;
        var took = new bool[pieces.Count, span + 1];
        for (var p = 0; p < pieces.Count; p++)
        {
            var (k, count) = pieces[p];
            var c = sorted[candidates[k]];
            var cores = count * c.CoresPerUnit;
            var weight = Weight(c, count);
            for (var s = span; s >= cores; s--)
            {
                if (best[s - cores].IsInfinite) continue;
                var via = best[s - cores] + weight;
                if (via.IsLighterThan(best[s])) { best[s] = via; took[p, s] = true; }
            }
        }
        var at = -1;
        for (var s = (int)remaining; s <= span; s++)
            if (!best[s].IsInfinite && (at < 0 || best[s].IsLighterThan(best[at]))) at = s;
        if (at < 0) return null;
        for (var p = pieces.Count - 1; p >= 0 && at > 0; p--)
        {
            if (!took[p, at]) continue;
            var (k, count) = pieces[p];
            result[candidates[k]] += count;
            at -= count * sorted[candidates[k]].CoresPerUnit;
        }
        return result;
    }
}
