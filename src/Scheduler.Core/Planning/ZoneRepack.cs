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
    private readonly bool[] _blocked;
    private RepackWeight[] _best = [];

    public ZoneRepack(CandidateSet set, FillOrder order)
    {
        _set = set;
        _order = order;
        var lists = Enumerable.Range(0, set.ZoneIds.Length).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < order.Sorted.Length; i++) lists[order.Sorted[i].Zone].Add(i);
        // Lightest per core first, for the bulk part: the order's own order already is.
        _byZone = lists.Select(l => l.ToArray()).ToArray();
        _blocked = new bool[order.Sorted.Length];
    }

    private RepackWeight Weight(Candidate c, long units) => RepackWeight.Of(_order, c, units);

    /// <summary>Improves <paramref name="units"/> (indexed like the order) in place; the result serves the same cores with the same spread.</summary>
    public void Improve(int[] units, long cores, long survivableCores)
    {
        var sorted = _order.Sorted;
        var zoneCores = (long[])_set.FixedCoresByZone.Clone();
        for (var i = 0; i < units.Length; i++) zoneCores[sorted[i].Zone] += (long)units[i] * sorted[i].CoresPerUnit;
        // A zone's units change only through its own re-pack, and a re-pack for the same need gives the
        // same units, so a zone whose need is what it was packed for last time is left as it is.
        var packedFor = new long[zoneCores.Length];
        Array.Fill(packedFor, long.MinValue);
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
                if (packedFor[z] == need) continue;
                packedFor[z] = need;
                var current = default(RepackWeight);
                foreach (var i in _byZone[z]) current += Weight(sorted[i], units[i]);
                if (AtFractionalBound(z, Math.Max(0, need), current)) continue;
                var packed = PackRemembered(z, Math.Max(0, need));
                if (packed is null) continue;
                var weight = default(RepackWeight);
                long packedCores = 0;
                var zone = _byZone[z];
                for (var k = 0; k < zone.Length; k++) { weight += Weight(sorted[zone[k]], packed[k]); packedCores += (long)packed[k] * sorted[zone[k]].CoresPerUnit; }
                if (!weight.IsLighterThan(current)) continue;
                for (var k = 0; k < zone.Length; k++) units[zone[k]] = packed[k];
                zoneCores[z] = _set.FixedCoresByZone[z] + packedCores;
                changed = true;
            }
            if (!changed) break;
        }
    }

    /// <summary>
    /// Whether the zone's units already weigh what the fractional (LP) fill of its need weighs, so that no
    /// re-pack can be lighter and the knapsack is not run. The zone's candidates come in the order's own
    /// order (rank, then price per core; or price plus the rank penalty per core), which is the order
    /// in which the fractional fill is optimal, and every whole-unit mix holding the need weighs at
    /// least as much. A re-pack is kept only when lighter by more than 1e-9 in cost at the same rank
    /// cores, so a zone within <see cref="BoundSlack"/> of the bound (far above the rounding of these
    /// sums at the costs allowed by <see cref="BoundCostLimit"/>) would be left as it is anyway. At 100k
    /// cores 87% of the ample plan's re-packs were of zones already at the bound, and none of its
    /// re-packs found a lighter mix.
    /// </summary>
    private bool AtFractionalBound(int z, long need, RepackWeight current)
    {
        var sorted = _order.Sorted;
        var lexicographic = _order.Lexicographic;
        double rank3 = 0, rank2 = 0, rank1 = 0, cost = 0, left = need;
        foreach (var i in _byZone[z])
        {
            if (left <= 0) break;
            var c = sorted[i];
            var take = Math.Min(left, (double)c.Units * c.CoresPerUnit);
            left -= take;
            cost += take * (lexicographic ? c.PricePerUnit / c.CoresPerUnit : c.PricePerUnit / c.CoresPerUnit + _order.Nu * c.Rank);
            if (!lexicographic) continue;
            if (c.Rank == 3) rank3 += take; else if (c.Rank == 2) rank2 += take; else if (c.Rank == 1) rank1 += take;
        }
        return left <= 0 && cost < BoundCostLimit
            && current.Rank3 == rank3 && current.Rank2 == rank2 && current.Rank1 == rank1 && current.Cost <= cost + BoundSlack;
    }

    private const double BoundSlack = 1e-10;

    /// <summary>Zone costs per hour up to which the sums' rounding stays far below <see cref="BoundSlack"/> (beyond it the knapsack runs).</summary>
    private const double BoundCostLimit = 1e4;

    /// <summary>
    /// Keeps every member zone to at most <paramref name="maxTypes"/> instance types (issue 13: operators
    /// do not want 3 × 64 + 2 × 8 + 3 × 2 vCPU in one zone, every node carries fixed overhead): where a
    /// member zone uses more, its internal zone is re-packed with each choice of that many types among
    /// the ones it uses and the few lightest it does not (at most <see cref="TypeChoicePool"/>), the
    /// other member zones keeping the types they use most. The lightest result is kept only when it
    /// takes no more cores of a worse preference rank and costs at most <paramref name="maxExtraShare"/>
    /// more in that internal zone; otherwise the limit gives way there.
    /// </summary>
    public void LimitTypes(int[] units, long cores, long survivableCores, int maxTypes, double? maxExtraShare)
    {
        var sorted = _order.Sorted;
        var zoneCores = (long[])_set.FixedCoresByZone.Clone();
        for (var i = 0; i < units.Length; i++) zoneCores[sorted[i].Zone] += (long)units[i] * sorted[i].CoresPerUnit;
        for (var z = 0; z < zoneCores.Length; z++)
        {
            var byMember = _byZone[z].GroupBy(i => sorted[i].Offering.MemberZoneId).Select(g => g.ToArray()).ToArray();
            int[] MostUsed(int[] member) => member.Where(i => units[i] > 0)
                .OrderByDescending(i => (long)units[i] * sorted[i].CoresPerUnit).ThenBy(i => i).Take(maxTypes).ToArray();
            var violating = byMember.Where(m => m.Count(i => units[i] > 0) > maxTypes).ToArray();
            if (violating.Length == 0) continue;

            var other = zoneCores.Sum() - zoneCores[z];
            long largestOther = 0;
            for (var w = 0; w < zoneCores.Length; w++) if (w != z) largestOther = Math.Max(largestOther, zoneCores[w]);
            var need = Math.Max(0, Math.Max(0, Math.Max(cores - other, survivableCores + largestOther - other)) - _set.FixedCoresByZone[z]);
            RepackWeight before = default;
            foreach (var i in _byZone[z]) before += Weight(sorted[i], units[i]);

            // Every member zone but the one being chosen for keeps its most used types.
            var kept = byMember.ToDictionary(m => m, MostUsed);
            int[]? best = null;
            var bestWeight = RepackWeight.Infinite;
            foreach (var member in violating)
            {
                // The types it uses (most cores first) and then the lightest per core it does not, in the order's order.
                var pool = member.Where(i => units[i] > 0).OrderByDescending(i => (long)units[i] * sorted[i].CoresPerUnit)
                    .Concat(member.Where(i => units[i] == 0 && sorted[i].Units > 0)).Take(TypeChoicePool).ToArray();
                foreach (var choice in Choices(pool, maxTypes))
                {
                    foreach (var m in byMember)
                    {
                        var allowed = m == member ? choice : kept[m];
                        foreach (var i in m) _blocked[i] = Array.IndexOf(allowed, i) < 0;
                    }
                    var packed = Pack(z, need);
                    if (packed is null) continue;
                    RepackWeight after = default;
                    for (var k = 0; k < _byZone[z].Length; k++) after += Weight(sorted[_byZone[z][k]], packed[k]);
                    if (after.IsLighterThan(bestWeight)) (best, bestWeight) = (packed, after);
                }
            }
            foreach (var i in _byZone[z]) _blocked[i] = false;
            if (best is null) continue;
            var ranksNoWorse = !new RepackWeight(before.Rank3, before.Rank2, before.Rank1, 0)
                .IsLighterThan(new RepackWeight(bestWeight.Rank3, bestWeight.Rank2, bestWeight.Rank1, 0));
            // A null share holds the limit whatever it costs (the planner judges the cost once, for the whole plan).
            if (maxExtraShare is { } share && (!ranksNoWorse || bestWeight.Cost > before.Cost * (1 + share) + 1e-9)) continue;
            long packedCores = 0;
            for (var k = 0; k < _byZone[z].Length; k++) { var i = _byZone[z][k]; units[i] = best[k]; packedCores += (long)best[k] * sorted[i].CoresPerUnit; }
            zoneCores[z] = _set.FixedCoresByZone[z] + packedCores;
        }
    }

    /// <summary>How many of a member zone's types the type limit chooses among (C(6, 2) = 15 re-packs for a limit of 2).</summary>
    private const int TypeChoicePool = 6;

    private static IEnumerable<int[]> Choices(int[] pool, int size)
    {
        if (size >= pool.Length) { yield return pool; yield break; }
        var index = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return index.Select(k => pool[k]).ToArray();
            var p = size - 1;
            while (p >= 0 && index[p] == pool.Length - size + p) p--;
            if (p < 0) yield break;
            index[p]++;
            for (var q = p + 1; q < size; q++) index[q] = index[q - 1] + 1;
        }
    }

    /// <summary>
    /// <see cref="Pack"/> with nothing blocked, remembered per zone and need: an attempt asked for
    /// several core counts (the served-cores bisection probes the cheapest order nine times at 100k
    /// cores) re-packs most zones for a need it has packed before.
    /// </summary>
    private int[]? PackRemembered(int z, long need)
    {
        if (_packed.TryGetValue((z, need), out var known)) return known;
        var packed = Pack(z, need);
        _packed[(z, need)] = packed;
        return packed;
    }

    private readonly Dictionary<(int Zone, long Need), int[]?> _packed = [];

    /// <summary>The cheapest units of zone <paramref name="z"/> holding at least <paramref name="need"/> cores (per candidate of the zone, in its order), or null when stock cannot.</summary>
    private int[]? Pack(int z, long need)
    {
        var sorted = _order.Sorted;
        var candidates = _byZone[z];
        // Indexed like the zone's candidates (not the whole order): a budget-bound plan keeps hundreds of these.
        var result = new int[candidates.Length];
        if (need == 0) return result;
        var largest = candidates.Max(i => sorted[i].CoresPerUnit);
        var tail = (long)TailUnits * largest;
        var remaining = need;
        var left = new int[candidates.Length];
        for (var k = 0; k < candidates.Length; k++)
        {
            var c = sorted[candidates[k]];
            left[k] = _blocked[candidates[k]] ? 0 : c.Units;
            if (remaining <= tail || left[k] == 0) continue;
            var take = (int)Math.Min(left[k], (remaining - tail) / c.CoresPerUnit);
            result[k] = take;
            left[k] -= take;
            remaining -= (long)take * c.CoresPerUnit;
            // Only a size that ran out hands the bulk on to the next (dearer) one; the rest is the tail's.
            if (left[k] > 0) tail = remaining;
        }
        if (remaining > tail + largest) return null; // the zone's stock ran out in the bulk part
        // An exact bounded knapsack over the tail: items split into powers of two of the units left.
        var span = (int)(remaining + largest);
        var pieces = new List<(int K, int Count)>();
        for (var k = 0; k < candidates.Length; k++)
        {
            if (left[k] == 0) continue;
            var max = (int)Math.Min(left[k], span / sorted[candidates[k]].CoresPerUnit + 1 - DominatingUnits(candidates, left, k));
            for (var p = 1; max > 0; p <<= 1)
            {
                var count = Math.Min(p, max);
                pieces.Add((k, count));
                max -= count;
            }
        }
        // Every sum of the zone's units is a multiple of the units' common divisor (2 cores on most
        // regions: ECS sizes are even), so the table is kept at that step: the same values in the same
        // order, half the cells or fewer.
        var step = 0;
        foreach (var k in candidates) step = Gcd(step, sorted[k].CoresPerUnit);
        var width = span / step + 1;
        var from = (int)((remaining + step - 1) / step);
        int at;
        // The back-track table comes from the shared pool: at 100k cores it is tens of kilobytes, and
        // every attempt's re-pack allocating (and the runtime zeroing) its own large arrays was a fifth
        // of the plan. It is not cleared either (that was an eighth of a 100k-core plan): each piece's
        // row is written at every sum the piece can reach, and the back-track reads no other cell.
        var cells = pieces.Count * width;
        var took = System.Buffers.ArrayPool<bool>.Shared.Rent(cells);
        try
        {
            // Rank cores of a tail sum never exceed its span, so three of them pack into one long below 2^21 each.
            var used = pieces.Count;
            if (_order.Lexicographic && span >= 1 << 21) at = PackRanked(candidates, pieces, step, width, from, took, out used);
            else if (_order.Lexicographic) at = PackRankedPacked(candidates, pieces, step, width, from, took, out used);
            else at = PackPriced(candidates, pieces, step, width, from, took);
            if (at < 0) return null;
            for (var p = used - 1; p >= 0 && at > 0; p--)
            {
                var (k, count) = pieces[p];
                var size = count * sorted[candidates[k]].CoresPerUnit / step;
                if (at < size || !took[p * width + at]) continue;
                result[k] += count;
                at -= size;
            }
            return result;
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(took);
        }
    }

    /// <summary>
    /// Units left of the zone's candidates with the same unit size and rank as candidate <paramref name="k"/>
    /// and a strictly lower price: swapping one of k's units for one of theirs keeps the cores and the
    /// rank cores and lowers the cost, so a lightest tail uses k only once they are all used, and k needs
    /// that many fewer units in the knapsack (often none: at 100k cores a zone has several offerings of
    /// each size, and the pieces of the dearer ones were a third of the table).
    /// </summary>
    private int DominatingUnits(int[] candidates, int[] left, int k)
    {
        var sorted = _order.Sorted;
        var c = sorted[candidates[k]];
        var units = 0;
        for (var j = 0; j < candidates.Length; j++)
        {
            if (left[j] == 0) continue;
            var d = sorted[candidates[j]];
            if (d.CoresPerUnit == c.CoresPerUnit && d.Rank == c.Rank && d.PricePerUnit < c.PricePerUnit) units += left[j];
        }
        return units;
    }

    /// <summary>
    /// Whether piece <paramref name="p"/> is the last of its preference rank (pieces come rank by rank,
    /// in the order's order). Once the ranks so far reach the need, no piece of a worse rank can be in
    /// the lightest tail: any sum using one carries cores of a worse rank than every sum without, and
    /// those sums are final (a worse piece never makes them lighter). So the re-pack stops there, with
    /// the same table for them and the same back-track; at 100k cores most zones reach it on rank 0 and
    /// the worse ranks' pieces were two thirds of the knapsack.
    /// </summary>
    private bool EndsRank(int[] candidates, List<(int K, int Count)> pieces, int p) =>
        p + 1 == pieces.Count || _order.Sorted[candidates[pieces[p + 1].K]].Rank != _order.Sorted[candidates[pieces[p].K]].Rank;

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The bounded knapsack of <see cref="Pack"/> with ranks then cost as weight; the lightest sum at or above <paramref name="from"/> (in steps), or −1.</summary>
    private int PackRanked(int[] candidates, List<(int K, int Count)> pieces, int step, int width, int from, bool[] took, out int used)
    {
        var sorted = _order.Sorted;
        if (_best.Length < width) _best = new RepackWeight[width];
        var best = _best;
        Array.Fill(best, RepackWeight.Infinite, 0, width);
        best[0] = default;
        used = pieces.Count;
        for (var p = 0; p < pieces.Count; p++)
        {
            var (k, count) = pieces[p];
            var c = sorted[candidates[k]];
            var size = count * c.CoresPerUnit / step;
            var weight = Weight(c, count);
            var row = p * width;
            for (var s = width - 1; s >= size; s--)
            {
                var lighter = false;
                if (!best[s - size].IsInfinite)
                {
                    var via = best[s - size] + weight;
                    if (lighter = via.IsLighterThan(best[s])) best[s] = via;
                }
                took[row + s] = lighter;
            }
            if (EndsRank(candidates, pieces, p) && Array.FindIndex(best, from, width - from, w => !w.IsInfinite) >= 0) { used = p + 1; break; }
        }
        var at = -1;
        for (var s = from; s < width; s++)
            if (!best[s].IsInfinite && (at < 0 || best[s].IsLighterThan(best[at]))) at = s;
        return at;
    }

    /// <summary>
    /// <see cref="PackRanked"/> with the cores of ranks 3, 2, 1 packed into one long (each below 2^21,
    /// so comparing the longs compares them lexicographically) beside a double cost: the preference
    /// order's re-pack of a 100k-core plan spent a fifth of its time adding and comparing the four-part weight.
    /// </summary>
    private int PackRankedPacked(int[] candidates, List<(int K, int Count)> pieces, int step, int width, int from, bool[] took, out int used)
    {
        var sorted = _order.Sorted;
        if (_rankKey.Length < width) { _rankKey = new long[width]; _cost = new double[width]; }
        var key = _rankKey.AsSpan(0, width);
        var cost = _cost.AsSpan(0, width);
        key.Fill(long.MaxValue);
        cost.Fill(double.PositiveInfinity);
        key[0] = 0;
        cost[0] = 0;
        used = pieces.Count;
        var reach = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            var (k, count) = pieces[p];
            var c = sorted[candidates[k]];
            var size = count * c.CoresPerUnit / step;
            var w = Weight(c, count);
            // Sums above what the pieces so far add up to are still unreachable: the table is offered
            // only up to there (the back-track never reads a piece's row above it either).
            reach = Math.Min(width - 1, reach + size);
            TailKnapsack.AddRanked(key[..(reach + 1)], cost[..(reach + 1)], took.AsSpan(p * width, reach + 1), size, (w.Rank3 << 42) | (w.Rank2 << 21) | w.Rank1, w.Cost);
            if (EndsRank(candidates, pieces, p) && cost[from..].ContainsAnyExcept(double.PositiveInfinity)) { used = p + 1; break; }
        }
        var at = -1;
        for (var s = from; s < width; s++)
            if (!double.IsPositiveInfinity(cost[s]) && (at < 0 || (key[s] != key[at] ? key[s] < key[at] : cost[s] < cost[at] - 1e-9))) at = s;
        return at;
    }

    private long[] _rankKey = [];

    /// <summary>
    /// The same knapsack for a penalised order, whose weights are cost alone: plain doubles, compared as
    /// <see cref="RepackWeight.IsLighterThan"/> compares them (the budget trade-off runs most re-packs in these orders).
    /// </summary>
    private int PackPriced(int[] candidates, List<(int K, int Count)> pieces, int step, int width, int from, bool[] took)
    {
        var sorted = _order.Sorted;
        if (_cost.Length < width) { _cost = new double[width]; _rankKey = new long[width]; }
        var best = _cost.AsSpan(0, width);
        best.Fill(double.PositiveInfinity);
        best[0] = 0;
        var reach = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            var (k, count) = pieces[p];
            var c = sorted[candidates[k]];
            var size = count * c.CoresPerUnit / step;
            var weight = Weight(c, count).Cost;
            reach = Math.Min(width - 1, reach + size); // as in PackRankedPacked
            TailKnapsack.AddPriced(best[..(reach + 1)], took.AsSpan(p * width, reach + 1), size, weight);
        }
        var at = -1;
        for (var s = from; s < width; s++)
            if (!double.IsPositiveInfinity(best[s]) && (at < 0 || best[s] < best[at] - 1e-9)) at = s;
        return at;
    }

    private double[] _cost = [];
}
