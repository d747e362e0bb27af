using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CapacityConsole.Scheduler.Planning;

internal sealed partial class ServedSearch
{
    /// <summary>How many cores an exchange may move in one zone and in all (the neighbourhood it searches exactly).</summary>
    private const int MaxReach = 128;

    /// <summary>
    /// The cost polish's exchange visits every plan, so its neighbourhood is held to about this much
    /// convolution work (cap offsets × zones × (2·reach + 1)²): a wide reach on small regions, less on the
    /// benchmarks' 32 zones, where the ample plan would otherwise pay several milliseconds for it.
    /// </summary>
    private const int PolishWork = 300_000;

    private int _reach = MaxReach;

    /// <summary>
    /// Cap offsets tried around the current largest zone. ±3 because the best exchange can need the
    /// largest zone exactly 3 cores higher (seed 1011 of the quality run: 2,007 → 2,010 serves 52,403
    /// cores, the optimum, where the other offsets stopped at 52,402).
    /// </summary>
    private static readonly int[] CapOffsets = [0, 1, -1, 2, -2, 3, -3, 4, -4, 8, -8, 16, -16, 32, -32, 64];

    private static readonly int[] PolishCapOffsets = [0, 32, -8, -32];

    private readonly record struct Item(int Candidate, int Units, int Cores, double Cost);

    // Each zone's items and table, per kind of exchange (reach, polish): the moves alternate a quick
    // and a full reach, and one cache for both rebuilt every zone's tables at each switch.
    private readonly Dictionary<(int Reach, bool Polish), (List<Item> Items, double[] Table, int Version)?[]> _tables = [];

    /// <summary>
    /// An exact search of the plan's neighbourhood: every zone may change by up to <see cref="MaxReach"/>
    /// cores (any mix of units added and given back), and the total by as much, with every zone held
    /// at or under a cap near today's largest. Per zone the cheapest change for each core delta is a
    /// 0/1 knapsack over binary-split unit counts; zones are combined by min-plus convolution. Single
    /// moves miss exchanges that touch three or four offerings at once (a 32-core host swapped for a
    /// 64-core one, another host added elsewhere, a few small cloud units given back).
    /// </summary>
    /// <param name="polish">
    /// Serve as many for less instead of serving more: units are weighed by cost plus a lexicographic
    /// penalty per core of ranks 1–3, and the exchange is kept only when no worse rank gains cores and
    /// either some worse rank loses cores (within budget) or the plan costs less.
    /// </param>
    private bool Exchange(ref long served, bool polish = false, int reach = MaxReach)
    {
        var zones = _zone.Length;
        _reach = polish ? (int)Math.Clamp((Math.Sqrt(PolishWork / (double)(PolishCapOffsets.Length * Math.Max(1, zones))) - 1) / 2, 8, MaxReach) : reach;
        var weight = polish ? RankWeights(zones) : null;
        var limit = _input.Options.MaxInstanceTypesPerMemberZone;
        // A zone's items and table depend only on its own units (and type counts), the reach and the
        // weights; zones no move touched since the last exchange of the same kind keep theirs (the
        // polish's second and third rounds change a few zones of 32).
        if (!_tables.TryGetValue((_reach, polish), out var tables))
            _tables[(_reach, polish)] = tables = new (List<Item> Items, double[] Table, int Version)?[zones];
        var items = new List<Item>[zones];
        var h = new double[zones][];
        for (var z = 0; z < zones; z++)
        {
            if (tables[z] is { } kept && kept.Version == _zoneVersion[z])
            {
                (items[z], h[z]) = (kept.Items, kept.Table);
                continue;
            }
            items[z] = [];
            foreach (var i in _candidatesOfZone[z])
            {
                var c = _c[i];
                var up = Math.Min(c.Units - _units[i], _reach / c.CoresPerUnit);
                // A new type where the member zone is at its type limit would break it.
                if (_units[i] == 0 && limit is { } k && _typesUsed[_member[i]] >= k) up = 0;
                var down = Math.Min(_units[i], _reach / c.CoresPerUnit);
                Split(items[z], i, up, +1, weight);
                Split(items[z], i, down, -1, weight);
            }
            h[z] = Knapsack(items[z], null);
            tables[z] = (items[z], h[z], _zoneVersion[z]);
        }

        var leftover = (double)(_maxCost / _input.Request.WindowHours - _cost) - 1e-9;
        var largest = LargestZone();
        (long Served, double Cost, long Cap, int Delta) best = (served, 0, -1, 0);
        // The polish tries fewer caps: a cheaper plan mostly lowers the largest zone, or moves a big unit into it.
        // The loosest cap's table is a lower bound on every tighter cap's (the same sums over a superset
        // of zone deltas, and min-plus keeps that exactly in floating point): a cap whose every delta the
        // bound already puts over the budget, or below the best served count so far, is not convolved;
        // in the polish, one whose every delta the bound cannot make cheaper than the best saving so far.
        var offsets = polish ? PolishCapOffsets : CapOffsets;
        var loosestOffset = offsets.Max();
        // Only totals that serve more (the polish: as many) can be kept. The served count rises with the
        // total and falls with the cap, so the tightest cap needs the smallest total: the recorded table
        // is complete from there up, for every cap's bound below, and no total below it is convolved.
        var aim = polish ? served : served + 1;
        if (LeastTotal(largest + offsets.Min(), aim) is not { } leastOfAll) return false;
        var loosest = Combine(h, largest + loosestOffset, null, record: true, least: leastOfAll);
        if (loosest is null) return false; // no zone set fits under any tighter cap either
        foreach (var offset in offsets)
        {
            var cap = largest + offset;
            if (offset != loosestOffset && (polish
                    ? !CanSave(loosest, cap, served, Math.Min(best.Cap >= 0 ? best.Cost : 0, 0))
                    : !CanBeat(loosest, cap, best.Served, best.Cap >= 0, best.Cost, leftover)))
                continue;
            // After a find, only as many as the best (and cheaper) still wins.
            var least = offset == loosestOffset ? leastOfAll : LeastTotal(cap, polish || best.Cap < 0 ? aim : best.Served);
            if (least is null) continue;
            var g = offset == loosestOffset ? loosest : Combine(h, cap, null, reuse: true, least: least.Value);
            if (g is null) continue;
            for (var d = -_reach; d <= _reach; d++)
            {
                var cost = g[d + _reach];
                var planned = _planned + d;
                var value = Served(planned, Math.Min(cap, planned));
                if (polish)
                {
                    // Weighted: the budget is checked on the real cost after the move.
                    if (value >= served && cost < Math.Min(best.Cap >= 0 ? best.Cost : 0, 0) - MinSaving) best = (value, cost, cap, d);
                    continue;
                }
                if (cost > leftover) continue;
                if (value > best.Served || (value == best.Served && best.Cap >= 0 && cost < best.Cost))
                    best = (value, cost, cap, d);
            }
        }
        if (best.Cap < 0) return false;

        // Back-track: the zone deltas from the convolution, then each zone's units from its knapsack.
        var deltas = new int[zones];
        Combine(h, best.Cap, deltas, best.Delta);
        // The units of the offerings it moves, to put back if the exchange is turned down (a copy of
        // every offering's units per exchange was a fifth of it at 100k cores).
        var touched = new List<(int Candidate, int Units)>();
        var typesBefore = limit is null ? null : (int[])_typesUsed.Clone();
        var costBefore = _cost;
        Span<long> rankBefore = stackalloc long[PreferenceRank.Count];
        RankCores(rankBefore);
        for (var z = 0; z < zones; z++)
        {
            if (deltas[z] == 0) continue;
            var take = new Takes();
            Knapsack(items[z], take);
            var d = deltas[z];
            for (var j = items[z].Count - 1; j >= 0; j--)
            {
                if (!take.Took(j, d)) continue;
                var item = items[z][j];
                if (!touched.Exists(t => t.Candidate == item.Candidate)) touched.Add((item.Candidate, _units[item.Candidate]));
                Move(item.Candidate, item.Units);
                d -= item.Cores;
            }
        }
        var now = Served(_planned, LargestZone());
        var rejected = !polish ? now <= served : now < served || RankChange(rankBefore) switch
        {
            < 0 => false,
            0 => _cost >= costBefore,
            _ => true,
        };
        // Each new type is checked against the limit alone, so one exchange could add two to a member zone.
        var typesBroken = limit is { } max && _typesUsed.Where((used, m) => used > max && used > typesBefore![m]).Any();
        if (rejected || typesBroken || !Fits(_cost) || touched.Exists(t => _units[t.Candidate] < 0))
        {
            foreach (var (i, units) in touched) if (_units[i] != units) Move(i, units - _units[i]);
            return false;
        }
        served = now;
        return true;
    }

    /// <summary>The smallest total delta within the reach that serves <paramref name="aim"/> cores under <paramref name="cap"/>, or null (served cores never fall as the total rises).</summary>
    private int? LeastTotal(long cap, long aim)
    {
        for (var d = -_reach; d <= _reach; d++)
        {
            var planned = _planned + d;
            if (Served(planned, Math.Min(cap, planned)) >= aim) return d;
        }
        return null;
    }

    /// <summary>Whether some delta that still serves <paramref name="served"/> has a lower-bound weighted cost below the best saving (the polish's test below).</summary>
    private bool CanSave(double[] bound, long cap, long served, double bestCost)
    {
        for (var d = -_reach; d <= _reach; d++)
        {
            var planned = _planned + d;
            if (Served(planned, Math.Min(cap, planned)) >= served && bound[d + _reach] < bestCost - MinSaving) return true;
        }
        return false;
    }

    /// <summary>Whether some delta whose lower-bound cost fits the budget could serve more than the best, or as many for less.</summary>
    private bool CanBeat(double[] bound, long cap, long bestServed, bool haveBest, double bestCost, double leftover)
    {
        for (var d = -_reach; d <= _reach; d++)
        {
            var cost = bound[d + _reach];
            if (cost > leftover) continue;
            var planned = _planned + d;
            var value = Served(planned, Math.Min(cap, planned));
            if (value > bestServed || (value == bestServed && haveBest && cost < bestCost)) return true;
        }
        return false;
    }

    /// <summary>
    /// Per-core penalties of ranks 0–3 that make the weighted cost lexicographic: one more core of a
    /// rank outweighs any change of the better ranks and of cost the neighbourhood can hold.
    /// </summary>
    private double[] RankWeights(int zones)
    {
        var range = 2.0 * _reach * Math.Max(1, zones) + 1;
        var w = _c.Select(c => c.PricePerUnit / c.CoresPerUnit).DefaultIfEmpty(1).Max() * range + 1;
        return [0, w, w * range, w * range * range];
    }

    private void RankCores(Span<long> cores)
    {
        cores.Clear();
        for (var i = 0; i < _c.Length; i++) cores[_c[i].Rank] += (long)_units[i] * _c[i].CoresPerUnit;
    }

    /// <summary>−1 when the cores of ranks 3, 2, 1 are now lexicographically fewer than <paramref name="before"/>, 0 when equal, +1 when more.</summary>
    private int RankChange(ReadOnlySpan<long> before)
    {
        Span<long> now = stackalloc long[PreferenceRank.Count];
        RankCores(now);
        for (var rank = PreferenceRank.Count - 1; rank >= 1; rank--)
            if (now[rank] != before[rank]) return now[rank] < before[rank] ? -1 : 1;
        return 0;
    }

    private void Split(List<Item> list, int candidate, int count, int sign, double[]? weight)
    {
        var c = _c[candidate];
        var unitCost = c.PricePerUnit + (weight?[c.Rank] ?? 0) * c.CoresPerUnit;
        for (var part = 1; count > 0; part *= 2)
        {
            var m = Math.Min(part, count);
            list.Add(new Item(candidate, sign * m, sign * m * c.CoresPerUnit, sign * m * unitCost));
            count -= m;
        }
    }

    /// <summary>
    /// Cheapest cost change for each exact core delta in [−reach, reach] (index delta + _reach); +∞ where none.
    /// Runs on the grid of the items' common step (every sum is a multiple of it): the same values in the same order.
    /// </summary>
    private double[] Knapsack(List<Item> items, Takes? take)
    {
        var step = 0;
        foreach (var item in items) step = Gcd(step, Math.Abs(item.Cores));
        if (step == 0) step = 1;
        var half = _reach / step;
        var f = new double[2 * half + 1];
        Array.Fill(f, double.PositiveInfinity);
        f[half] = 0;
        take?.Start(items.Count, step, half);
        for (var j = 0; j < items.Count; j++)
        {
            var (w, cost) = (items[j].Cores / step, items[j].Cost);
            // The same 0/1 knapsack steps as before, strict comparisons, vectorised; flags only for a back-track.
            if (take is null)
            {
                if (w > 0) KnapsackValues.Add(f, w, cost);
                else KnapsackValues.AddFromAbove(f, -w, cost);
                continue;
            }
            var row = take.Flags.AsSpan(j * f.Length, f.Length);
            if (w > 0) TailKnapsack.AddPriced(f, row, w, cost, tolerance: 0);
            else TailKnapsack.AddPricedFromAbove(f, row, -w, cost, tolerance: 0);
        }
        var full = new double[2 * _reach + 1];
        Array.Fill(full, double.PositiveInfinity);
        for (var i = 0; i < f.Length; i++) full[(i - half) * step + _reach] = f[i];
        return full;
    }

    /// <summary>
    /// Which items a zone's knapsack took at each delta, one row per item on the knapsack's own grid
    /// (one array per zone: an array per item and delta was most of the back-track's time and allocation).
    /// </summary>
    private sealed class Takes
    {
        private bool[] _took = [];
        private int _width, _step, _half;

        public void Start(int items, int step, int half)
        {
            (_width, _step, _half) = (2 * half + 1, step, half);
            _took = new bool[items * _width];
        }

        /// <summary>The flags, indexed item × width + grid index (the knapsack sets them).</summary>
        public bool[] Flags => _took;

        /// <summary>Whether <paramref name="item"/> was taken for <paramref name="delta"/> cores (a multiple of the step: the zone's deltas all are).</summary>
        public bool Took(int item, int delta) => _took[item * _width + delta / _step + _half];
    }

    /// <summary>
    /// How far, in reaches, the running sum of zone deltas may stray before the last zones bring it back
    /// into [−reach, reach]. Clipped at one reach, the neighbourhood depended on the order the zones were
    /// combined in (a move of +100 here and −100 there was lost when the −100 zone came later); two reaches
    /// keep those exchanges for the cost of a running table twice as long.
    /// </summary>
    private const int PartialSumReaches = 2;

    /// <summary>
    /// Min-plus convolution of the zones' tables with each zone held at or under <paramref name="cap"/>;
    /// null when some zone cannot get under it. With <paramref name="deltas"/>, back-tracks <paramref name="total"/> into them.
    /// Visits, per zone, only its finite deltas and the running table's entries that can still end in an
    /// exchange (ties are settled by <see cref="Pick"/>, whatever order the minimum was found in): the
    /// budget-bound 100k plan runs some seventy of these, each 32 zones of up to 129 × 257 pairs.
    /// </summary>
    /// <param name="record">Keep the running table before each zone, and each zone's reachable count, for later calls with <paramref name="reuse"/> (same tables, same zones).</param>
    /// <param name="reuse">
    /// Start from the recorded running table at the first zone whose deltas this cap cuts differently:
    /// every zone before it gets the same entries in the same order, so the same values. Zones are
    /// combined smallest first, so the zones a cap near the largest cuts come last and the rest were
    /// convolved once per exchange, not per cap.
    /// </param>
    /// <param name="least">The smallest total worth keeping (see <see cref="LeastTotal"/>); entries below it are left at +∞.</param>
    private double[]? Combine(double[][] h, long cap, int[]? deltas, int total = 0, bool record = false, bool reuse = false, int? least = null)
    {
        // Every zone delta is a multiple of the tables' common step (2 cores where every unit is even),
        // so the convolution runs on that grid: index i of a zone's table is the delta (i − half)·step,
        // of the running table (i − wide)·step. The same sums as on the full range.
        var t = Reachable(h);
        var step = t.Step;
        var half = _reach / step;
        var wide = half * PartialSumReaches;
        var n = 2 * wide + 1;
        var zones = h.Length;
        // Each zone's deltas up to the cap (big units reach few), by position in the order: a cap no
        // zone can get under has no table.
        var counts = new int[zones];
        for (var k = 0; k < zones; k++)
        {
            var z = t.Order[k];
            var maxDelta = cap - _zone[z];
            if (maxDelta < -_reach) return null;
            var top = (int)Math.Min(_reach, maxDelta);
            var dz = t.Deltas[z];
            var c = dz.Length;
            while (c > 0 && dz[c - 1] > top) c--;
            counts[k] = c;
        }
        // How far down and up, on the grid, the zones from each position on can still move the sum. An
        // entry of the running table they cannot bring back into the reach ends in no exchange, and
        // every entry they can comes only from entries that can too: skipping the others leaves every
        // value that matters as it was (and a tighter cap's are a subset of the recorded loosest's).
        var downLeft = new int[zones + 1];
        var upLeft = new int[zones + 1];
        for (var k = zones - 1; k >= 0; k--)
        {
            var dz = t.Deltas[t.Order[k]];
            (downLeft[k], upLeft[k]) = counts[k] == 0 ? (downLeft[k + 1], upLeft[k + 1])
                : (downLeft[k + 1] + dz[0] / step, upLeft[k + 1] + dz[counts[k] - 1] / step);
        }
        // The entries the zones from position k on can bring back into [least, reach], narrowed to the
        // finite ones (on the grid; a total below least is never read, so the search's tables stop there).
        var low = least is { } l ? Math.Max(-half, (int)Math.Ceiling(l / (double)step)) : -half;
        (int From, int To) Live(double[] table, int k)
        {
            int from = Math.Max(0, wide + low - upLeft[k]), to = Math.Min(n - 1, wide + half - downLeft[k]);
            while (from <= to && double.IsPositiveInfinity(table[from])) from++;
            while (to >= from && double.IsPositiveInfinity(table[to])) to--;
            return (from, to);
        }
        var g = new double[n];
        var start = 0;
        if (reuse && deltas is null && ReferenceEquals(_prefixOf, h) && _prefix is not null && _prefix[0].Length == n)
        {
            while (start < zones && counts[start] == _prefixCounts![start]) start++;
            _prefix[start].CopyTo(g, 0);
        }
        else
        {
            Array.Fill(g, double.PositiveInfinity);
            g[wide] = 0;
        }
        if (record)
        {
            _prefixOf = h;
            _prefix = new double[zones + 1][];
            _prefixCounts = counts;
        }
        var next = new double[n];
        var live = Live(g, start);
        // A back-track keeps the running table before each zone and finds each zone's delta afterwards
        // (below), so it runs the same vectorised pass as the search instead of a scalar one with picks.
        var before = deltas is null ? null : new double[zones + 1][];
        for (var k = start; k < zones; k++)
        {
            if (record) _prefix![k] = (double[])g.Clone();
            if (before is not null) before[k] = (double[])g.Clone();
            var z = t.Order[k];
            Array.Fill(next, double.PositiveInfinity);
            MinPlus(g, live.From, live.To, next, t.Dense[z], t.Deltas[z], counts[k], step, half);
            (g, next) = (next, g);
            live = Live(g, k + 1);
        }
        if (record) _prefix![zones] = (double[])g.Clone();
        if (deltas is not null && before is not null)
        {
            before[zones] = g;
            var at = total / step + wide;
            for (var k = zones - 1; k >= 0; k--)
            {
                var z = t.Order[k];
                at -= (deltas[z] = Pick(before[k], before[k + 1][at], at, t.Dense[z], t.Deltas[z], counts[k], step, half)) / step;
            }
        }
        // Only totals within the reach are exchanges.
        var full = new double[2 * _reach + 1];
        Array.Fill(full, double.PositiveInfinity);
        for (var i = wide - half; i <= wide + half; i++) full[(i - wide) * step + _reach] = g[i];
        return full;
    }

    /// <summary>
    /// The zone delta a scalar min-plus pass with picks would have kept for entry <paramref name="at"/>:
    /// it visits the running table's finite entries in ascending order and keeps a pair only when
    /// strictly cheaper, so the first entry whose sum equals the minimum <paramref name="value"/> (the
    /// same two doubles added, so exactly equal). 0 for an unreachable entry, as the picks were.
    /// </summary>
    private static int Pick(double[] g, double value, int at, double[] hz, int[] dz, int count, int step, int half)
    {
        if (count == 0 || double.IsPositiveInfinity(value)) return 0;
        int idMin = dz[0] / step + half, idMax = dz[count - 1] / step + half;
        for (var ia = 0; ia < g.Length; ia++)
        {
            var id = at - ia + half;
            if (id < idMin || id > idMax || double.IsPositiveInfinity(g[ia])) continue;
            if (g[ia] + hz[id] == value) return (id - half) * step;
        }
        return 0;
    }

    /// <summary>
    /// next[i + d] = min over the running table's entries i in [<paramref name="from"/>, <paramref name="to"/>]
    /// and the zone's first <paramref name="count"/> finite deltas d (on the grid) of g[i] + hz[d], one
    /// vector pass over the entries per delta. Each output is the minimum of the same sums as a pass per
    /// entry (min does not depend on the order; an unreachable entry adds +∞ and changes nothing), and a
    /// zone of big units has few deltas, so its pass is short.
    /// </summary>
    private static void MinPlus(double[] g, int from, int to, double[] next, double[] hz, int[] dz, int count, int step, int half)
    {
        var n = g.Length;
        var width = System.Numerics.Vector<double>.Count;
        for (var j = 0; j < count; j++)
        {
            var d = dz[j] / step;
            var cost = hz[d + half];
            // Entries whose sum lands inside the table.
            var lo = Math.Max(from, -d);
            var hi = Math.Min(to, n - 1 - d);
            if (lo > hi) continue;
            var length = hi - lo + 1;
            var source = g.AsSpan(lo, length);
            var target = next.AsSpan(lo + d, length);
            var i = 0;
            // 512-bit lanes where the machine has them (the benchmark machine's Zen 5 runs them at full width).
            if (Vector512.IsHardwareAccelerated)
            {
                ref var s0 = ref MemoryMarshal.GetReference(source);
                ref var t0 = ref MemoryMarshal.GetReference(target);
                var add512 = Vector512.Create(cost);
                for (; i + 8 <= length; i += 8)
                {
                    var v = add512 + Vector512.LoadUnsafe(ref s0, (nuint)i);
                    Vector512.Min(Vector512.LoadUnsafe(ref t0, (nuint)i), v).StoreUnsafe(ref t0, (nuint)i);
                }
            }
            var add = new System.Numerics.Vector<double>(cost);
            for (; i + width <= length; i += width)
            {
                var v = add + new System.Numerics.Vector<double>(source.Slice(i, width));
                var current = new System.Numerics.Vector<double>(target.Slice(i, width));
                System.Numerics.Vector.Min(current, v).CopyTo(target.Slice(i, width));
            }
            for (; i < length; i++)
            {
                var v = source[i] + cost;
                if (v < target[i]) target[i] = v;
            }
        }
    }

    private double[][]? _prefixOf;
    private double[][]? _prefix;
    private int[]? _prefixCounts;

    private sealed record ZoneTables(int Step, int[][] Deltas, double[][] Dense, int[] Order);

    private double[][]? _reachableOf;
    private ZoneTables? _reachable;

    /// <summary>
    /// Each zone's finite deltas (ascending), the step every delta is a multiple of, each zone's table
    /// on that grid, and the order the convolution visits the zones in (smallest first, ties by index);
    /// computed once per exchange's tables.
    /// </summary>
    private ZoneTables Reachable(double[][] h)
    {
        if (ReferenceEquals(_reachableOf, h) && _reachable is not null) return _reachable;
        var deltas = new int[h.Length][];
        var step = 0;
        for (var z = 0; z < h.Length; z++)
        {
            var dl = new List<int>();
            for (var d = -_reach; d <= _reach; d++)
                if (!double.IsPositiveInfinity(h[z][d + _reach])) { dl.Add(d); step = Gcd(step, Math.Abs(d)); }
            deltas[z] = [.. dl];
        }
        if (step == 0) step = 1;
        var half = _reach / step;
        var dense = new double[h.Length][];
        for (var z = 0; z < h.Length; z++)
        {
            dense[z] = new double[2 * half + 1];
            for (var i = 0; i < dense[z].Length; i++) dense[z][i] = h[z][(i - half) * step + _reach];
        }
        var order = Enumerable.Range(0, h.Length).OrderBy(z => _zone[z]).ToArray();
        _reachableOf = h;
        return _reachable = new ZoneTables(step, deltas, dense, order);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
