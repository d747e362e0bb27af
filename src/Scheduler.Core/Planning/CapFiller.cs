namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Fills a target number of cores with every internal zone capped at the same number of cores, taking
/// offerings in preference order (rank, then cost per core). For a fixed cap this greedy is optimal up
/// to unit rounding (per-zone caps and per-offering stock form a polymatroid). Rounding is handled in
/// two places: the last, rounded-up unit is compared against smaller units of the same rank (any, in a penalised order) elsewhere,
/// and units the spread turns out not to need are given back (<see cref="Trim"/>).
/// </summary>
internal sealed class CapFiller(CandidateSet set, FillOrder order, double windowHours, double budgetLeft)
{
    public CapFiller(CandidateSet set, double windowHours, double budgetLeft)
        : this(set, FillOrder.Preference(set), windowHours, budgetLeft) { }

    public FillOrder Order => order;

    // Money is compared in double during the search, with a hair of slack so that a plan costing
    // exactly the budget is not lost to binary rounding; PlanAttempt re-checks the total in decimal.
    private const double BudgetSlack = 1e-9;

    /// <summary>The most a plan may cost per hour and stay within the budget left.</summary>
    public double MaxCostPerHour { get; } = budgetLeft / windowHours * (1 + BudgetSlack);

    private readonly long[] _room = new long[set.ZoneIds.Length];
    private readonly long[] _rankCores = new long[PreferenceRank.Count];
    private readonly int[] _units = new int[order.Sorted.Length];
    private readonly List<int> _taken = [];
    private readonly ulong[] _takenPlaces = new ulong[(order.Sorted.Length + 63) / 64];

    private readonly double _fixedCost = (double)set.FixedCostPerHour;

    /// <summary>
    /// Fills towards max(N, cap + S) cores with at most <paramref name="cap"/> per zone. Whole units
    /// often leave every zone below the cap, so the fill counts as holding capacity when the cores it
    /// did take meet the rule itself: P ≥ N and P − (largest zone) ≥ S.
    /// </summary>
    public FillScore Fill(long cap, long cores, long survivableCores, int[]? unitsOut)
    {
        var targetCores = Math.Max(cores, cap + survivableCores);
        var sorted = order.Sorted;
        for (var z = 0; z < _room.Length; z++)
        {
            _room[z] = cap - set.FixedCoresByZone[z];
            if (_room[z] < 0) return FillScore.Infeasible;
        }
        var prefix = _prefix is { } p && p.Cores == cores && p.Survivable == survivableCores && cap >= p.Cap ? p : null;
        if (prefix is not null && _unitsHoldPrefix)
        {
            // The last fill started from the same prefix and its trim gave none of it back: only the
            // offerings taken after it are cleared.
            var kept = prefix.Takes.Length;
            for (var t = kept; t < _taken.Count; t++) _units[_taken[t]] = 0;
            _taken.RemoveRange(kept, _taken.Count - kept);
        }
        else
        {
            // Only the offerings the last fill took hold units (clearing all of them was a fifth of a fill).
            foreach (var i in _taken) _units[i] = 0;
            _taken.Clear();
            if (prefix is not null)
                foreach (var (i, units) in prefix.Takes)
                {
                    _units[i] = units;
                    _taken.Add(i);
                }
            _unitsHoldPrefix = prefix is not null;
        }
        var rankCores = _rankCores;
        Array.Clear(rankCores);
        var need = targetCores - set.FixedCores;
        var cost = _fixedCost;
        var zoneOf = _zoneOf;
        var cpuOf = _cpuOf;
        var unitsOf = _unitsOf;
        var start = 0;
        if (prefix is not null)
        {
            // The same takes, in the same order, as the walk below would make up to the prefix's end.
            for (var z = 0; z < _room.Length; z++) _room[z] -= prefix.ZoneCores[z];
            prefix.RankCores.CopyTo(rankCores, 0);
            need -= prefix.TakenCores;
            cost = prefix.Cost;
            start = prefix.End;
        }
        for (var i = start; i < zoneOf.Length && need > 0; i++)
        {
            // Most candidates of a fill sit in a zone already at its cap: skipped before the division.
            var room = _room[zoneOf[i]];
            var cpu = cpuOf[i];
            if (room < cpu || unitsOf[i] == 0) continue;
            var maxUnits = Math.Min(unitsOf[i], room / cpu);
            var want = (need + cpu - 1) / cpu;
            if (want > maxUnits)
            {
                Take(i, maxUnits);
                continue;
            }
            Take(i, want - 1);
            var (j, units) = CheapestCover(i, need);
            Take(j, units);
        }
        var planned = targetCores - need;
        var largestZone = cap - (_room.Length == 0 ? cap : _room.Min());
        var hasCapacity = need <= 0 || (planned >= cores && planned - largestZone >= survivableCores);
        if (hasCapacity) Trim(cap, planned, cores, survivableCores, ref cost);
        if (unitsOut is not null) _units.CopyTo(unitsOut, 0);
        var withinBudget = cost * windowHours <= budgetLeft * (1 + BudgetSlack);
        var objective = cost + order.Nu * (rankCores[1] + 2.0 * rankCores[2] + 3.0 * rankCores[3]);
        return new FillScore(hasCapacity, withinBudget, rankCores[3], rankCores[2], rankCores[1], cost, order.Lexicographic, objective);

        void Take(int index, long units)
        {
            if (units <= 0) return;
            var c = sorted[index];
            var cores = units * c.CoresPerUnit;
            _room[c.Zone] -= cores;
            need -= cores;
            cost += units * c.PricePerUnit;
            rankCores[c.Rank] += cores;
            if (_units[index] == 0) _taken.Add(index);
            _units[index] += (int)units;
        }
    }

    private sealed record Prefix(long Cap, long Cores, long Survivable, int End, long[] ZoneCores, (int Index, int Units)[] Takes, long[] RankCores, long TakenCores, double Cost);

    private Prefix? _prefix;

    /// <summary>Whether <see cref="_units"/> holds the prefix's takes, and <see cref="_taken"/> starts with them, from the last fill.</summary>
    private bool _unitsHoldPrefix;

    /// <summary>
    /// Remembers the start of the fill at <paramref name="cap"/> that any fill at a larger cap (same
    /// cores and survivable cores) makes too: up to the first candidate whose stock the zone's room or
    /// the need cuts, every candidate is taken whole (a larger cap only leaves more room and more need),
    /// with the same costs added in the same order. A cap scan's fills then start there; at 100k cores
    /// that is the first hundred or so of the offerings a fill takes, each walked once per scan instead
    /// of once per cap.
    /// </summary>
    public void Prepare(long cap, long cores, long survivableCores)
    {
        _prefix = null;
        _unitsHoldPrefix = false;
        var need = Math.Max(cores, cap + survivableCores) - set.FixedCores;
        var zoneCores = new long[_room.Length];
        for (var z = 0; z < _room.Length; z++)
            if (cap - set.FixedCoresByZone[z] < 0) return;
        var takes = new List<(int, int)>();
        var rankCores = new long[PreferenceRank.Count];
        var cost = _fixedCost;
        long taken = 0;
        var sorted = order.Sorted;
        var i = 0;
        for (; i < _zoneOf.Length; i++)
        {
            var units = _unitsOf[i];
            if (units == 0) continue;
            var cpu = _cpuOf[i];
            var room = cap - set.FixedCoresByZone[_zoneOf[i]] - zoneCores[_zoneOf[i]];
            // The walk's take of all the stock: room for every unit, and more need than they cover.
            if (room / cpu < units || (long)units * cpu >= need - taken) break;
            var c = sorted[i];
            var cores_ = (long)units * cpu;
            zoneCores[c.Zone] += cores_;
            taken += cores_;
            cost += units * c.PricePerUnit;
            rankCores[c.Rank] += cores_;
            takes.Add((i, units));
        }
        _prefix = new Prefix(cap, cores, survivableCores, i, zoneCores, [.. takes], rankCores, taken, cost);
    }

    /// <summary>
    /// Filling towards cap + S with whole units usually leaves slack: more cores than N, or more than S
    /// outside every zone. Gives back the units the rule does not need, worst preference rank and dearest
    /// unit first. This closed most of the gap to the exact optimum on small plans (benchmarks' quality mode).
    /// </summary>
    private void Trim(long cap, long planned, long cores, long survivableCores, ref double cost)
    {
        // Giving units back never adds slack (P falls, and the largest zones by at most as much), and
        // each zone's slack is at most min(P − N, P − S − second largest zone): once that is below the
        // smallest unit nothing more can go. Near the best cap a fill mostly has no slack to give back,
        // and a 100k-core fill takes hundreds of offerings that the walk or sort below would visit.
        var (largest, largestZone, second) = LargestTwoZones(cap);
        if (Math.Min(planned - cores, planned - survivableCores - second) < _smallestUnit) return;
        var (leastWanted, placeOf) = order.LeastWanted;
        var sorted = order.Sorted;
        // The least-wanted order is fixed, so the taken offerings are visited in it: their places are
        // marked in a bit set and read back word by word (a 100k-core budget plan's fills take hundreds
        // of offerings each; walking the whole order for them visited ≈ 115,000 entries per plan, and a
        // sort with a comparison delegate was once a sixth of the plan).
        var bits = _takenPlaces;
        int lowWord = int.MaxValue, highWord = -1;
        foreach (var taken in _taken)
        {
            var place = placeOf[taken];
            bits[place >> 6] |= 1UL << place;
            lowWord = Math.Min(lowWord, place >> 6);
            highWord = Math.Max(highWord, place >> 6);
        }
        for (var w = lowWord; w <= highWord; w++)
        {
            var word = bits[w];
            bits[w] = 0;
            for (; word != 0; word &= word - 1)
            {
                var i = leastWanted[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word)];
                if (_units[i] == 0) continue;
                var c = sorted[i];
                // Taking k units out of zone z lowers P and z alike, so only N and the other zones bind.
                var largestOther = c.Zone == largestZone ? second : largest;
                var slack = Math.Min(planned - cores, planned - survivableCores - largestOther);
                var units = Math.Min(_units[i], slack / c.CoresPerUnit);
                if (units <= 0) continue;
                var removed = units * c.CoresPerUnit;
                _units[i] -= (int)units;
                _unitsHoldPrefix = false; // conservative: it may be one of the prefix's
                _room[c.Zone] += removed;
                planned -= removed;
                cost -= units * c.PricePerUnit;
                _rankCores[c.Rank] -= removed;
                (largest, largestZone, second) = LargestTwoZones(cap);
                if (Math.Min(planned - cores, planned - survivableCores - second) < _smallestUnit)
                {
                    // Done: the words not read yet are cleared for the next fill.
                    Array.Clear(bits, w + 1, highWord - w);
                    return;
                }
            }
        }
    }

    // The three fields the fill loop reads of every candidate, as plain arrays (a 100k-core fill walks
    // hundreds of candidates, and the budget-bound plan runs hundreds of fills).
    private readonly int[] _zoneOf = order.Sorted.Select(static c => c.Zone).ToArray();
    private readonly int[] _cpuOf = order.Sorted.Select(static c => c.CoresPerUnit).ToArray();
    private readonly int[] _unitsOf = order.Sorted.Select(static c => c.Units).ToArray();

    private readonly int _smallestUnit = order.Sorted.Length == 0 ? 1 : order.Sorted.Min(static c => c.CoresPerUnit);

    private (long Largest, int LargestZone, long Second) LargestTwoZones(long cap)
    {
        long largest = 0, second = 0;
        var largestZone = -1;
        for (var z = 0; z < _room.Length; z++)
        {
            var cores = cap - _room[z];
            if (cores > largest) (second, largest, largestZone) = (largest, cores, z);
            else if (cores > second) second = cores;
        }
        return (largest, largestZone, second);
    }

    /// <summary>
    /// The cheapest way to cover the last <paramref name="residue"/> cores (less than one unit of
    /// candidate <paramref name="first"/>, which has room for it): one more unit of it, or enough units of
    /// a later candidate of the same rank whose smaller units waste less.
    /// </summary>
    private (int Index, long Units) CheapestCover(int first, long residue)
    {
        // Read from plain arrays (a penalised order's class is every later candidate: the budget-bound
        // 100k-core plan walked a thousand candidate structs per cover, a tenth of its time).
        var unitValueOf = _unitValueOf;
        var best = (Index: first, Units: 1L);
        var bestCost = unitValueOf[first];
        var end = order.Lexicographic ? _rankEnd[first] : unitValueOf.Length;
        for (var j = first + 1; j < end; j++)
        {
            var unitValue = unitValueOf[j];
            if (unitValue >= bestCost) continue; // at least one unit is needed, so it cannot be cheaper
            var cpu = _cpuOf[j];
            var units = (residue + cpu - 1) / cpu;
            if (units > _unitsOf[j] || units * cpu > _room[_zoneOf[j]]) continue;
            var cost = units * unitValue;
            if (cost < bestCost) (best, bestCost) = ((j, units), cost);
        }
        return best;
    }

    private readonly double[] _unitValueOf = order.Sorted.Select(order.UnitValue).ToArray();

    /// <summary>
    /// Per candidate, the end of its run of the same rank: in the preference order candidates come rank
    /// by rank, so the candidates <see cref="FillOrder.SameClass"/> accepts after it are the rest of the run.
    /// </summary>
    private readonly int[] _rankEnd = RankEnds(order);

    private static int[] RankEnds(FillOrder order)
    {
        var sorted = order.Sorted;
        var end = new int[sorted.Length];
        if (!order.Lexicographic) return end;
        for (var i = sorted.Length - 1; i >= 0; i--)
            end[i] = i + 1 < sorted.Length && sorted[i + 1].Rank == sorted[i].Rank ? end[i + 1] : i + 1;
        return end;
    }
}
