namespace CapacityConsole.Scheduler.Planning;

internal sealed partial class ServedSearch
{
    /// <summary>How many cores an exchange may move in one zone and in all (the neighbourhood it searches exactly).</summary>
    private const int Reach = 128;

    /// <summary>Cap offsets tried around the current largest zone.</summary>
    private static readonly int[] CapOffsets = [0, 1, -1, 2, -2, 4, -4, 8, -8, 16, -16, 32, -32, 64];

    private readonly record struct Item(int Candidate, int Units, int Cores, double Cost);

    /// <summary>
    /// An exact search of the plan's neighbourhood: every zone may change by up to <see cref="Reach"/>
    /// cores (any mix of units added and given back), and the total by as much, with every zone held
    /// at or under a cap near today's largest. Per zone the cheapest change for each core delta is a
    /// 0/1 knapsack over binary-split unit counts; zones are combined by min-plus convolution. Single
    /// moves miss exchanges that touch three or four offerings at once (a 32-core host swapped for a
    /// 64-core one, another host added elsewhere, a few small cloud units given back).
    /// </summary>
    private bool Exchange(ref long served)
    {
        var zones = _zone.Length;
        var items = new List<Item>[zones];
        for (var z = 0; z < zones; z++) items[z] = [];
        var limit = _input.Options.MaxInstanceTypesPerMemberZone;
        for (var i = 0; i < _c.Length; i++)
        {
            var c = _c[i];
            var up = Math.Min(c.Units - _units[i], Reach / c.CoresPerUnit);
            // A new type where the member zone is at its type limit would break it.
            if (_units[i] == 0 && limit is { } k && _typesUsed[_member[i]] >= k) up = 0;
            var down = Math.Min(_units[i], Reach / c.CoresPerUnit);
            Split(items[c.Zone], i, up, +1);
            Split(items[c.Zone], i, down, -1);
        }
        var h = new double[zones][];
        for (var z = 0; z < zones; z++) h[z] = Knapsack(items[z], null);

        var leftover = (double)(_maxCost / _input.Request.WindowHours - _cost) - 1e-9;
        var largest = LargestZone();
        (long Served, double Cost, long Cap, int Delta) best = (served, 0, -1, 0);
        foreach (var offset in CapOffsets)
        {
            var cap = largest + offset;
            var g = Combine(h, cap, null);
            if (g is null) continue;
            for (var d = -Reach; d <= Reach; d++)
            {
                var cost = g[d + Reach];
                if (cost > leftover) continue;
                var planned = _planned + d;
                var value = Served(planned, Math.Min(cap, planned));
                if (value > best.Served || (value == best.Served && best.Cap >= 0 && cost < best.Cost))
                    best = (value, cost, cap, d);
            }
        }
        if (best.Cap < 0) return false;

        // Back-track: the zone deltas from the convolution, then each zone's units from its knapsack.
        var deltas = new int[zones];
        Combine(h, best.Cap, deltas, best.Delta);
        var before = (int[])_units.Clone();
        for (var z = 0; z < zones; z++)
        {
            if (deltas[z] == 0) continue;
            var take = new bool[items[z].Count][];
            Knapsack(items[z], take);
            var d = deltas[z];
            for (var j = items[z].Count - 1; j >= 0; j--)
            {
                if (!take[j][d + Reach]) continue;
                var item = items[z][j];
                Move(item.Candidate, item.Units);
                d -= item.Cores;
            }
        }
        var now = Served(_planned, LargestZone());
        if (now <= served || !Fits(_cost) || _units.Any(u => u < 0))
        {
            for (var i = 0; i < _units.Length; i++) if (_units[i] != before[i]) Move(i, before[i] - _units[i]);
            return false;
        }
        served = now;
        return true;
    }

    private void Split(List<Item> list, int candidate, int count, int sign)
    {
        var c = _c[candidate];
        for (var part = 1; count > 0; part *= 2)
        {
            var m = Math.Min(part, count);
            list.Add(new Item(candidate, sign * m, sign * m * c.CoresPerUnit, sign * m * c.PricePerUnit));
            count -= m;
        }
    }

    /// <summary>Cheapest cost change for each exact core delta in [−Reach, Reach] (index delta + Reach); +∞ where none.</summary>
    private static double[] Knapsack(List<Item> items, bool[][]? take)
    {
        var f = new double[2 * Reach + 1];
        Array.Fill(f, double.PositiveInfinity);
        f[Reach] = 0;
        for (var j = 0; j < items.Count; j++)
        {
            var (w, cost) = (items[j].Cores, items[j].Cost);
            var t = take is null ? null : take[j] = new bool[f.Length];
            if (w > 0)
            {
                for (var d = Reach; d - w >= -Reach; d--)
                {
                    var v = f[d - w + Reach] + cost;
                    if (v < f[d + Reach]) { f[d + Reach] = v; if (t is not null) t[d + Reach] = true; }
                }
            }
            else
            {
                for (var d = -Reach; d - w <= Reach; d++)
                {
                    var v = f[d - w + Reach] + cost;
                    if (v < f[d + Reach]) { f[d + Reach] = v; if (t is not null) t[d + Reach] = true; }
                }
            }
        }
        return f;
    }

    /// <summary>
    /// Min-plus convolution of the zones' tables with each zone held at or under <paramref name="cap"/>;
    /// null when some zone cannot get under it. With <paramref name="deltas"/>, back-tracks <paramref name="total"/> into them.
    /// </summary>
    private double[]? Combine(double[][] h, long cap, int[]? deltas, int total = 0)
    {
        var g = new double[2 * Reach + 1];
        Array.Fill(g, double.PositiveInfinity);
        g[Reach] = 0;
        var choice = deltas is null ? null : new int[h.Length][];
        for (var z = 0; z < h.Length; z++)
        {
            var maxDelta = cap - _zone[z];
            if (maxDelta < -Reach) return null;
            var hz = h[z];
            var next = new double[g.Length];
            Array.Fill(next, double.PositiveInfinity);
            var pick = choice is null ? null : choice[z] = new int[g.Length];
            // Only the deltas the zone can reach at all (big units reach few): a sparse inner loop.
            var top = (int)Math.Min(Reach, maxDelta);
            var reachable = new List<int>();
            for (var d = -Reach; d <= top; d++) if (!double.IsPositiveInfinity(hz[d + Reach])) reachable.Add(d);
            for (var a = -Reach; a <= Reach; a++)
            {
                var ga = g[a + Reach];
                if (double.IsPositiveInfinity(ga)) continue;
                foreach (var d in reachable)
                {
                    var sum = a + d;
                    if (sum < -Reach || sum > Reach) continue;
                    var v = ga + hz[d + Reach];
                    if (v < next[sum + Reach]) { next[sum + Reach] = v; if (pick is not null) pick[sum + Reach] = d; }
                }
            }
            g = next;
        }
        if (deltas is not null && choice is not null)
            for (var z = h.Length - 1; z >= 0; z--)
            {
                deltas[z] = choice[z][total + Reach];
                total -= deltas[z];
            }
        return g;
    }
}
