namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Closes the whole-unit gap of a short plan (issue 13: served cores first). The cap searches reason
/// per cap and per fill order, and a budget-bound plan found that way can leave a few cores on the
/// table that a different last unit would buy: one dear unit given back for a few cheaper ones in
/// another zone, or the budget's last yuan spent on one more small unit where the spread binds.
/// This search moves whole units — add k units of one offering, or give one unit back and add k of
/// another — taking the move that serves the most cores, then costs least, until no move serves more
/// within budget, stock and the type limit. It never lowers the served cores; the caller then asks
/// the preference search for the new count and keeps this plan only when that finds none.
/// </summary>
internal sealed partial class ServedSearch
{
    private const int MaxRounds = 64;

    /// <summary>
    /// The reach of the exchange tried first; the full one runs only when it finds nothing. Most gains
    /// are small, and a quarter of the reach is about a sixteenth of the convolution work: with the
    /// moves searching up to the fractional bound (their last exchange finds nothing by design), a
    /// budget-bound 100k-core plan did a third less of it, serving the same cores on the 119 compared plans.
    /// </summary>
    private const int QuickReach = 32;

    private readonly PlanningInput _input;
    private readonly CandidateSet _set;
    private readonly Candidate[] _c;
    private readonly decimal[] _price;
    private readonly double[] _priceD;
    private readonly int[] _units;
    private readonly long[] _zone;
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly int[] _member;
    private readonly int[] _typesUsed;
    // How often each zone's units changed (the exchange keeps a zone's tables while it has not).
    private readonly int[] _zoneVersion;
    private readonly List<int>[] _candidatesOfZone;
    private long _planned;
    private decimal _cost;
    private readonly double _share;
    private readonly decimal _maxCost;

    private ServedSearch(PlanningInput input, CandidateSet set, int[] units)
    {
        _input = input;
        _set = set;
        _c = set.Sorted;
        _price = _c.Select(c => c.Offering.PricePerHour!.Value).ToArray();
        _priceD = _price.Select(p => (double)p).ToArray();
        _units = units;
        _zone = (long[])set.FixedCoresByZone.Clone();
        _cost = set.FixedCostPerHour;
        _member = new int[_c.Length];
        for (var i = 0; i < _c.Length; i++)
        {
            if (!_memberIndex.TryGetValue(_c[i].Offering.MemberZoneId, out var m)) _memberIndex[_c[i].Offering.MemberZoneId] = m = _memberIndex.Count;
            _member[i] = m;
            _zone[_c[i].Zone] += (long)units[i] * _c[i].CoresPerUnit;
            _cost += units[i] * _price[i];
        }
        _typesUsed = new int[_memberIndex.Count];
        _zoneVersion = new int[_zone.Length];
        _candidatesOfZone = Enumerable.Range(0, _zone.Length).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < _c.Length; i++) _candidatesOfZone[_c[i].Zone].Add(i);
        for (var i = 0; i < _c.Length; i++) if (units[i] > 0) _typesUsed[_member[i]]++;
        _planned = _zone.Sum();
        _share = (double)input.Request.SurvivableShare;
        // The estimate is rounded to the fen; a cost per hour whose rounded total fits is within budget.
        _maxCost = input.BudgetLeft;
    }

    /// <summary>A plan serving more cores than <paramref name="plan"/> within budget, or null when no whole-unit move finds one.</summary>
    /// <param name="enough">Served cores after which no further exchange is tried (the most any plan can serve).</param>
    /// <param name="settled">Whether the result is where the moves end: a second call on it would find nothing.</param>
    public static IReadOnlyList<Allocation>? Improve(PlanningInput input, CandidateSet set, IReadOnlyList<Allocation> plan, long enough, out bool settled)
    {
        settled = false;
        if (From(input, set, plan) is not { } search) return null;
        var before = search.Served(search._planned, search.LargestZone());
        if (before >= input.Request.Cores) return null;
        if (!search.Run(before, Math.Min(enough, input.Request.Cores), out settled)) return null;
        var result = search.Materialize();
        var request = input.Request;
        return Planner.ServedCores(result, request.Cores, request.SurvivableShare) > Planner.ServedCores(plan, request.Cores, request.SurvivableShare)
            && Planner.EstimatedTotal(result, request) <= input.BudgetLeft ? result : null;
    }

    /// <summary>
    /// A plan serving as many cores for less, with no more cores of any worse preference rank
    /// (compared worst rank first), or with fewer of them within budget: the same whole-unit moves,
    /// then the exact exchange in polish mode; null when nothing improves. The cap searches land in a
    /// local optimum that depends on stock elsewhere; this takes the last cheap swaps.
    /// </summary>
    public static IReadOnlyList<Allocation>? Polish(PlanningInput input, CandidateSet set, IReadOnlyList<Allocation> plan)
    {
        if (From(input, set, plan) is not { } search) return null;
        var served = search.Served(search._planned, search.LargestZone());
        if (search.NearRelaxedOptimum(served)) return null;
        var before = search._cost;
        search._keepRanks = true;
        search.Moves(ref served);
        // Single moves miss swaps of several units across zones (two 4-core hosts here for four 2-core
        // ones there), which left the plan's cost depending on stock it did not use: adding stock could
        // raise it (PlannerBudgetProperties.AddingStock_NeverRaisesCostAtTheSamePreference). An exact
        // exchange closes them; it may also take cores off a worse rank (the preference comes first).
        Span<long> ranks = stackalloc long[PreferenceRank.Count];
        search.RankCores(ranks);
        // The exchange judges the spread by its cap, not the zones it ends with, so it can leave units
        // the spread does not need: give those back (fewer cores never worsen a rank). Single moves are
        // not repeated after it: over 1,280 offerings each round visits every pair, and on the benchmark
        // region that made the ample plan ten times slower for savings the next exchange finds too.
        for (var round = 0; round < 3 && search.Exchange(ref served, polish: true); round++) _ = search.Trim(served);
        var ranksImproved = search.RankChange(ranks) < 0;
        if (search._cost >= before && !ranksImproved) return null;
        var result = search.Materialize();
        var request = input.Request;
        return Planner.ServedCores(result, request.Cores, request.SurvivableShare) >= Planner.ServedCores(plan, request.Cores, request.SurvivableShare)
            && Planner.EstimatedTotal(result, request) <= input.BudgetLeft ? result : null;
    }

    private bool _keepRanks;

    /// <summary>
    /// Whether no polish could save more than <see cref="PlannerOptions.AcceptedGap"/>. The preference
    /// order's fractional fill serving <paramref name="served"/> is the lexicographic optimum (fewest
    /// cores of ranks 3, 2, 1, then cost) over every plan, since each whole-unit plan is a feasible point
    /// of it. A plan with exactly its cores of those ranks cannot have fewer, so the polish could only
    /// lower its cost, and no plan with those ranks costs less than the bound's.
    /// </summary>
    private bool NearRelaxedOptimum(long served)
    {
        var bound = _set.Relaxed(_set.PreferenceOrder).Optimum(served, (long)Math.Ceiling(_input.Request.SurvivableShare * served)).Value;
        if (bound.MissesCores) return false;
        Span<long> ranks = stackalloc long[PreferenceRank.Count];
        RankCores(ranks);
        const double sameCores = 1e-6;
        return Math.Abs(ranks[3] - bound.Rank3) < sameCores && Math.Abs(ranks[2] - bound.Rank2) < sameCores
            && Math.Abs(ranks[1] - bound.Rank1) < sameCores && (double)_cost <= bound.Cost * (1 + (double)_input.Options.AcceptedGap);
    }

    private static ServedSearch? From(PlanningInput input, CandidateSet set, IReadOnlyList<Allocation> plan)
    {
        if (set.Sorted.Length == 0 || plan.Count < set.Fixed.Count) return null;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < set.Sorted.Length; i++) index[set.Sorted[i].Offering.Id] = i;
        var units = new int[set.Sorted.Length];
        foreach (var a in plan.Skip(set.Fixed.Count))
        {
            if (!index.TryGetValue(a.OfferingId, out var i)) return null;
            units[i] += a.Units;
        }
        return new ServedSearch(input, set, units);
    }

    private bool Fits(decimal costPerHour) =>
        Math.Round(costPerHour * _input.Request.WindowHours, 2, MidpointRounding.AwayFromZero) <= _maxCost;

    private long Served(long planned, long largest)
    {
        var outside = planned - largest;
        var bySpread = _share <= 0 ? long.MaxValue : (long)Math.Floor(outside / _share + 1e-9);
        return Math.Min(_input.Request.Cores, Math.Min(planned, bySpread));
    }

    private long LargestZone() => _zone.DefaultIfEmpty().Max();

    /// <summary>The largest zone after zone <paramref name="a"/> changes by <paramref name="da"/> and zone <paramref name="b"/> by <paramref name="db"/> (top three kept for O(1)).</summary>
    private static long LargestAfter((long V, int Z)[] top, long[] zone, int a, long da, int b, long db)
    {
        long best = 0;
        foreach (var (v, z) in top) if (z != a && z != b && z >= 0) { best = v; break; }
        if (a >= 0) best = Math.Max(best, zone[a] + da + (a == b ? db : 0));
        if (b >= 0 && b != a) best = Math.Max(best, zone[b] + db);
        return best;
    }

    private (long V, int Z)[] TopThree()
    {
        var top = new (long V, int Z)[] { (0, -1), (0, -1), (0, -1) };
        for (var z = 0; z < _zone.Length; z++)
        {
            var v = _zone[z];
            if (v > top[0].V || top[0].Z < 0) { top[2] = top[1]; top[1] = top[0]; top[0] = (v, z); }
            else if (v > top[1].V || top[1].Z < 0) { top[2] = top[1]; top[1] = (v, z); }
            else if (v > top[2].V || top[2].Z < 0) top[2] = (v, z);
        }
        return top;
    }

    private bool TypeAllowed(int add, int remove)
    {
        if (_units[add] > 0 || _input.Options.MaxInstanceTypesPerMemberZone is not { } limit) return true;
        var used = _typesUsed[_member[add]];
        // Giving the last unit of a type back in the same member zone frees its place.
        if (remove >= 0 && _member[remove] == _member[add] && _units[remove] == 1) used--;
        return used < limit;
    }

    private bool Run(long served, long enough, out bool settled)
    {
        var improved = false;
        var exhausted = false; // the last exchange ran and found nothing
        for (var pass = 0; pass < 4 && served < enough; pass++)
        {
            var moved = Moves(ref served);
            var exchanged = served < enough && (Exchange(ref served, reach: QuickReach) || Exchange(ref served, reach: MaxReach));
            exhausted = served < enough && !exchanged;
            improved |= moved || exchanged;
            if (!exchanged) break;
        }
        // Units given back change the plan the exchange saw, so it may find more from there.
        var gaveBack = improved && Trim(served);
        settled = exhausted && !gaveBack;
        return improved;
    }

    /// <summary>Single moves (k units added, or one given back and k of another added) until none helps.</summary>
    private bool Moves(ref long served)
    {
        var improved = false;
        for (var round = 0; round < MaxRounds; round++)
        {
            var top = TopThree();
            // A move must serve more, or as many for less (which frees budget for the next move).
            // Screened in double (this loop visits every pair); the move taken is checked in decimal.
            var costNow = (double)_cost;
            (long Served, double Cost, int Remove, int Add, int K) best = (served, costNow - MinSaving, -1, -1, 0);
            var maxCost = (double)(_maxCost / _input.Request.WindowHours) * (1 - 1e-12);
            var cores = _input.Request.Cores;
            // The least outside the largest zone that can still serve every core (one below, for rounding).
            var outsideNeeded = _share <= 0 ? long.MinValue : (long)Math.Ceiling(_share * cores) - 1;
            // The additions worth visiting once every core is served: offerings with stock left (most
            // cheap ones are used up in a good plan) and, when ranks are kept, of no worse rank than
            // the unit given back (one of a worse rank always adds cores of it). Built once a round.
            _availableBuilt = false;
            for (var r = -1; r < _c.Length; r++)
            {
                if (r >= 0 && _units[r] == 0) continue;
                var rz = r >= 0 ? _c[r].Zone : -1;
                var rCores = r >= 0 ? _c[r].CoresPerUnit : 0;
                var rPrice = r >= 0 ? _priceD[r] : 0;
                var baseCost = costNow - rPrice;
                // Budget: the most a unit may add once r's unit is given back.
                var room = maxCost - baseCost;
                var plannedWithout = _planned - rCores;
                var largestWithout = LargestAfter(top, _zone, rz, -rCores, -1, 0);
                if (r >= 0 && RanksKept(r, -1, 0) && IsBetter(Served(plannedWithout, largestWithout), baseCost, best.Served, best.Cost))
                    best = (Served(plannedWithout, largestWithout), baseCost, r, -1, 0);
                var rank = _keepRanks ? (r >= 0 ? _c[r].Rank : 0) : PreferenceRank.Count - 1;
                // A whole unit added brings k·c cores, P and the cores outside the largest zone grow by
                // at most that, so serving every core takes k·c at least what giving r's unit back leaves missing.
                var missing = Math.Max(cores - plannedWithout, outsideNeeded - (plannedWithout - largestWithout));
                if (best.Served < cores)
                {
                    // Cheapest per core first among offerings with stock left: k units of a add at most
                    // room ÷ (a's price per core) cores, to P and to the cores outside the largest zone,
                    // so once that cannot reach the best served count no dearer offering can either (a
                    // budget-bound plan stops after the few offerings cheaper than r; a stock-bound one
                    // has few with stock left). Was every offering for every used one.
                    foreach (var a in Available(_byCore, rank))
                    {
                        var reach = room * _c[a].CoresPerUnit / _priceD[a] * (1 + 1e-9) + 1;
                        var most = Math.Min(plannedWithout + reach,
                            _share <= 0 ? double.MaxValue : (plannedWithout - largestWithout + reach) / _share + 1);
                        if (most < best.Served) break;
                        TryAdd(a, inPriceOrder: true);
                    }
                    continue;
                }
                // No move serves more than every core, so only a cheaper one can win: the adds are visited
                // cheapest first and the scan stops at the first that cannot beat the best even with its
                // fewest units (without this, every used offering × every offering: 5 ms of a 100k-core plan).
                // Both stops are exact: by unit price, one unit of a must cost less than the saving and fit
                // the budget; by core price, enough units of a to cover what is missing must. While cores
                // are missing both hold, so the shorter of the two prefixes is walked (a 100k-core plan's
                // used units are mostly dear IDC hosts whose removal leaves a few cores missing, and then the
                // core-price prefix is most of the offerings); ties still go to the lower index, whatever the order.
                var byUnit = Available(_byUnit, rank);
                var unitStop = UnitPricePrefix(byUnit, baseCost, best.Cost, room);
                if (missing > 0)
                {
                    var byCore = Available(_byCore, rank);
                    var coreStop = CorePricePrefix(byCore, baseCost, missing, best.Cost);
                    if (coreStop <= unitStop)
                    {
                        foreach (var a in byCore)
                        {
                            if (CoversTooDear(a, baseCost, missing, best.Cost)) break;
                            TryAdd(a, inPriceOrder: true);
                        }
                        continue;
                    }
                }
                foreach (var a in byUnit)
                {
                    if (UnitTooDear(a, baseCost, best.Cost, room)) break;
                    TryAdd(a, inPriceOrder: true);
                }

                void TryAdd(int a, bool inPriceOrder)
                {
                    if (a == r) return;
                    var c = _c[a];
                    var stockLeft = c.Units - _units[a];
                    if (stockLeft <= 0) return;
                    var price = _priceD[a];
                    if (room < price) return;
                    // Once every core is served only a cheaper move wins, and serving every core takes at
                    // least one unit and enough to cover what is missing: no cheaper than the best at that,
                    // it cannot win on cost (ties go to the first found).
                    var fewest = best.Served >= cores && missing > 0 ? (missing + c.CoresPerUnit - 1) / c.CoresPerUnit : 1;
                    if (best.Served >= cores && baseCost + fewest * price > best.Cost) return;
                    var kMax = (long)Math.Min(stockLeft, Math.Floor(room / price));
                    if (kMax <= 0) return;
                    long ServedWith(long k) => Served(plannedWithout + k * c.CoresPerUnit,
                        LargestAfter(top, _zone, rz, -rCores, c.Zone, k * c.CoresPerUnit));
                    // Served cores do not fall as units are added, so the fewest units reaching the most suffice.
                    var most = ServedWith(kMax);
                    if (most < best.Served) return;
                    if (most == best.Served && baseCost + fewest * price > best.Cost) return;
                    long lo = 1, hi = kMax;
                    while (lo < hi)
                    {
                        var mid = lo + (hi - lo) / 2;
                        if (ServedWith(mid) >= most) hi = mid; else lo = mid + 1;
                    }
                    var cost = baseCost + lo * price;
                    // Visited out of index order, a tie with this r's best goes to the lower index, as a scan in index order would give it.
                    var better = IsBetter(most, cost, best.Served, best.Cost)
                        || (inPriceOrder && most == best.Served && cost == best.Cost && best.Remove == r && best.Add >= 0 && a < best.Add);
                    if (!better || !TypeAllowed(a, r) || !RanksKept(r, a, lo)) return;
                    best = (most, cost, r, a, (int)lo);
                }
            }
            if (best.Add < 0 && best.Remove < 0) break;
            Move(best.Remove, -1);
            Move(best.Add, best.K);
            if (!Fits(_cost))
            {
                Move(best.Add, -best.K);
                Move(best.Remove, 1);
                break;
            }
            served = best.Served;
            improved = true;
            if (served >= _input.Request.Cores) break;
        }
        return improved;
    }

    private const double MinSaving = 0.000001;

    /// <summary>Whether one unit of <paramref name="a"/> costs at least the saving, or more than the budget left: true from some place on along the unit-price order.</summary>
    private bool UnitTooDear(int a, double baseCost, double bestCost, double room) => baseCost + _priceD[a] > bestCost || room < _priceD[a];

    /// <summary>Whether the missing cores at <paramref name="a"/>'s core price cost more than the best: true from some place on along the core-price order.</summary>
    private bool CoversTooDear(int a, double baseCost, long missing, double bestCost) =>
        baseCost + missing * (_priceD[a] / _c[a].CoresPerUnit) > bestCost + 1e-9 * (1 + Math.Abs(bestCost));

    /// <summary>How many offerings of the unit-price list come before the first <see cref="UnitTooDear"/> (bisection).</summary>
    private int UnitPricePrefix(ReadOnlySpan<int> list, double baseCost, double bestCost, double room)
    {
        int lo = 0, hi = list.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (UnitTooDear(list[mid], baseCost, bestCost, room)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>How many offerings of the core-price list come before the first <see cref="CoversTooDear"/> (bisection).</summary>
    private int CorePricePrefix(ReadOnlySpan<int> list, double baseCost, long missing, double bestCost)
    {
        int lo = 0, hi = list.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CoversTooDear(list[mid], baseCost, missing, bestCost)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private bool _availableBuilt;
    private readonly int[][] _byCore = new int[PreferenceRank.Count][], _byUnit = new int[PreferenceRank.Count][];
    private readonly int[] _byCoreCount = new int[PreferenceRank.Count], _byUnitCount = new int[PreferenceRank.Count];

    /// <summary>The offerings (by core or unit price) with stock left and of rank ≤ <paramref name="rank"/>, in that order.</summary>
    private ReadOnlySpan<int> Available(int[][] lists, int rank)
    {
        if (!_availableBuilt)
        {
            Filter(_set.ByCorePrice, _byCore, _byCoreCount);
            Filter(_set.ByUnitPrice, _byUnit, _byUnitCount);
            _availableBuilt = true;
        }
        return lists[rank].AsSpan(0, (lists == _byCore ? _byCoreCount : _byUnitCount)[rank]);
    }

    private void Filter(int[] order, int[][] lists, int[] counts)
    {
        // One walk for all ranks: an offering goes to the list of its own rank and every worse one, in order.
        for (var rank = 0; rank < lists.Length; rank++)
        {
            lists[rank] ??= new int[order.Length];
            counts[rank] = 0;
        }
        foreach (var a in order)
        {
            if (_units[a] >= _c[a].Units) continue;
            for (var rank = _c[a].Rank; rank < lists.Length; rank++) lists[rank][counts[rank]++] = a;
        }
    }

    /// <summary>With <see cref="_keepRanks"/>: whether the move leaves the cores of ranks 3, 2, 1 lexicographically no worse.</summary>
    private bool RanksKept(int remove, int add, long k)
    {
        if (!_keepRanks) return true;
        Span<long> delta = stackalloc long[PreferenceRank.Count];
        if (remove >= 0) delta[_c[remove].Rank] -= _c[remove].CoresPerUnit;
        if (add >= 0) delta[_c[add].Rank] += k * _c[add].CoresPerUnit;
        for (var rank = PreferenceRank.Count - 1; rank >= 1; rank--)
            if (delta[rank] != 0) return delta[rank] < 0;
        return true;
    }

    private static bool IsBetter(long served, double cost, long bestServed, double bestCost) =>
        served > bestServed || (served == bestServed && cost < bestCost);

    private void Move(int i, int k)
    {
        if (i < 0 || k == 0) return;
        if (_units[i] == 0 && k > 0) _typesUsed[_member[i]]++;
        _zoneVersion[_c[i].Zone]++;
        _units[i] += k;
        if (_units[i] == 0) _typesUsed[_member[i]]--;
        _zone[_c[i].Zone] += (long)k * _c[i].CoresPerUnit;
        _planned += (long)k * _c[i].CoresPerUnit;
        _cost += k * _price[i];
    }

    /// <summary>Gives back units the served cores do not need, dearest unit first; whether it gave any back.</summary>
    private bool Trim(long served)
    {
        var (largest, largestZone, second) = LargestTwoZones();
        var used = new List<int>();
        var any = false;
        for (var i = 0; i < _c.Length; i++)
        {
            if (_units[i] == 0) continue;
            used.Add(i);
            any = any || CanGiveBack(i, served, largest, largestZone, second);
        }
        // The plan stays as it is until the first unit goes back, so when no offering can give back one
        // unit now, the loop below moves nothing: its sort is skipped (a 100k-core plan uses hundreds
        // of offerings, and the polish's trims mostly find nothing to give back).
        if (!any) return false;
        // Dearest first, ties in index order (a stable sort by price, descending), compared in double
        // and, where the doubles tie, in decimal.
        used.Sort((a, b) =>
        {
            var c = _priceD[b].CompareTo(_priceD[a]);
            if (c == 0) c = _price[b].CompareTo(_price[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var gaveBack = false;
        foreach (var i in used)
        {
            // Served cores never rise as units are given back, so the units i can give back are the
            // longest run that keeps them; counted against the largest other zone, not given back and
            // re-added one at a time (a 100k-core plan holds hundreds of units of its small types).
            var z = _c[i].Zone;
            var largestOther = z == largestZone ? second : largest;
            var cores = (long)_c[i].CoresPerUnit;
            var k = 0;
            while (k < _units[i] && Served(_planned - (k + 1) * cores, Math.Max(largestOther, _zone[z] - (k + 1) * cores)) >= served) k++;
            if (k == 0) continue;
            Move(i, -k);
            gaveBack = true;
            (largest, largestZone, second) = LargestTwoZones();
        }
        return gaveBack;
    }

    /// <summary>Whether offering <paramref name="i"/> can give back one unit and keep <paramref name="served"/> (the first step of the loop above).</summary>
    private bool CanGiveBack(int i, long served, long largest, int largestZone, long second)
    {
        var z = _c[i].Zone;
        var largestOther = z == largestZone ? second : largest;
        var cores = (long)_c[i].CoresPerUnit;
        return Served(_planned - cores, Math.Max(largestOther, _zone[z] - cores)) >= served;
    }

    /// <summary>The largest zone (and which), and the largest of the others.</summary>
    private (long Largest, int Zone, long Second) LargestTwoZones()
    {
        long largest = 0, second = 0;
        var zone = -1;
        for (var z = 0; z < _zone.Length; z++)
        {
            if (_zone[z] > largest || zone < 0) (second, largest, zone) = (zone < 0 ? 0 : largest, _zone[z], z);
            else if (_zone[z] > second) second = _zone[z];
        }
        return (largest, zone, second);
    }

    private List<Allocation> Materialize() => PlanMaterializer.Build(_set, _c, _units);
}
