using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The planner's view of one pass: the usable offerings in preference order, the internal zones they
/// sit in (by index, for speed), and the allocations that are kept as they are (a re-plan's fixed part).
/// </summary>
internal sealed class CandidateSet
{
    public required Candidate[] Sorted { get; init; }

    /// <summary>The same candidates by cost per core alone: the cheapest plans, which decide what a budget can buy (built on first use).</summary>
    public FillOrder Cheapest => _cheapest ??= FillOrder.Penalised(this, 0);

    private FillOrder? _cheapest;

    /// <summary>The preference order over these candidates (built on first use).</summary>
    public FillOrder PreferenceOrder => _preference ??= FillOrder.NewPreference(this);

    private FillOrder? _preference;
    public required string[] ZoneIds { get; init; }
    public required long[] FixedCoresByZone { get; init; }
    public required long[] CapacityByZone { get; init; }
    public required IReadOnlyList<Allocation> Fixed { get; init; }
    public required long FixedCores { get; init; }
    public required decimal FixedCostPerHour { get; init; }
    /// <summary>Allowed internal and member zones that are Down, for the shortfall reason.</summary>
    public required IReadOnlyList<string> DownZones { get; init; }
    /// <summary>Priced, in-stock cores the tier rule forbids (cloud for a HotCache service that disallows it).</summary>
    public required long CoresForbiddenByTier { get; init; }
    public required int StockedOutOfferings { get; init; }
    /// <summary>The smallest unit the pass accepts (the larger of the planner's and the request's minimum).</summary>
    public int MinCoresPerUnit { get; init; }
    /// <summary>Priced, in-stock offerings skipped for being smaller than <see cref="MinCoresPerUnit"/>.</summary>
    public int OfferingsBelowMinUnit { get; init; }
    /// <summary>Priced, in-stock offerings with no usable core left after the per-node overhead.</summary>
    public int OfferingsEatenByOverhead { get; init; }

    /// <summary>
    /// The same pass with only the candidates of preference rank ≤ <paramref name="rank"/>: the plans
    /// that use nothing worse (a HotCache plan on IDC alone, a plan on healthy zones alone).
    /// </summary>
    public CandidateSet UpToRank(int rank) =>
        (_upToRank ??= new CandidateSet?[PreferenceRank.Count])[rank] ??= Where(Sorted.Where(c => c.Rank <= rank).ToArray());

    // Kept so that a pass's attempts over a rank subset are found again (see PlanAttempts).
    private CandidateSet?[]? _upToRank;

    /// <summary>
    /// The same pass with at most <paramref name="types"/> offerings per member zone, the first ones
    /// in <paramref name="order"/> (a plan that keeps to the type limit by construction).
    /// </summary>
    public CandidateSet FirstTypesPerMemberZone(IEnumerable<Candidate> order, int types)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in order)
        {
            var n = taken.GetValueOrDefault(c.Offering.MemberZoneId);
            if (n >= types) continue;
            taken[c.Offering.MemberZoneId] = n + 1;
            keep.Add(c.Offering.Id);
        }
        return Where(Sorted.Where(c => keep.Contains(c.Offering.Id)).ToArray());
    }

    private CandidateSet Where(Candidate[] sorted)
    {
        var capacity = (long[])FixedCoresByZone.Clone();
        foreach (var c in sorted) capacity[c.Zone] += (long)c.Units * c.CoresPerUnit;
        return new CandidateSet
        {
            Sorted = sorted,
            ZoneIds = ZoneIds,
            FixedCoresByZone = FixedCoresByZone,
            CapacityByZone = capacity,
            Fixed = Fixed,
            FixedCores = FixedCores,
            FixedCostPerHour = FixedCostPerHour,
            DownZones = DownZones,
            CoresForbiddenByTier = CoresForbiddenByTier,
            StockedOutOfferings = StockedOutOfferings,
            MinCoresPerUnit = MinCoresPerUnit,
            OfferingsBelowMinUnit = OfferingsBelowMinUnit,
            OfferingsEatenByOverhead = OfferingsEatenByOverhead,
        };
    }

    /// <summary>Indices into <see cref="Sorted"/> by price per unit, cheapest first (built on first use).</summary>
    public int[] ByUnitPrice => _byUnitPrice ??= IndicesBy(static c => c.PricePerUnit);

    /// <summary>Indices into <see cref="Sorted"/> by price per core, cheapest first (built on first use).</summary>
    public int[] ByCorePrice => _byCorePrice ??= IndicesBy(static c => c.PricePerUnit / c.CoresPerUnit);

    private int[]? _byUnitPrice, _byCorePrice;

    /// <summary>What the kept part and every usable unit together cost per hour (built on first use).</summary>
    public double AllUnitsCostPerHour => _allUnitsCost ??= (double)FixedCostPerHour + Sorted.Sum(static c => c.Units * c.PricePerUnit);

    private double? _allUnitsCost;

    /// <summary>
    /// The fractional fill of <paramref name="order"/> (an order over this set), one per order for the
    /// pass: the cap searches of every attempt ask it for the same ranges again (the cheapest order's
    /// bound most of all), and it remembers its answers.
    /// </summary>
    public RelaxedFill Relaxed(FillOrder order)
    {
        if (!_relaxed.TryGetValue(order, out var fill)) _relaxed[order] = fill = new RelaxedFill(this, order);
        return fill;
    }

    private readonly Dictionary<FillOrder, RelaxedFill> _relaxed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Remembered answers of <see cref="PlanAttempt"/>'s relaxed budget bound, per cores and request terms.</summary>
    internal Dictionary<(int Cores, decimal Budget, decimal WindowHours, decimal Share), bool> BeyondBudget { get; } = [];

    private int[] IndicesBy(Func<Candidate, double> key)
    {
        var keys = Sorted.Select(key).ToArray();
        var indices = Enumerable.Range(0, Sorted.Length).ToArray();
        Array.Sort(keys, indices);
        return indices;
    }

    /// <summary>
    /// The candidates in <see cref="Candidate.Compare"/>'s order, sorted on a precomputed rank and double
    /// price per core (decimal to double never reverses an order) and compared in full only where those
    /// tie: the same total order, without a decimal and a string comparison in every step of the sort,
    /// which was a third of a 1k-core plan.
    /// </summary>
    private static Candidate[] SortByPreference(List<Candidate> candidates)
    {
        var items = candidates.ToArray();
        var keys = new PreferenceKey[items.Length];
        for (var i = 0; i < items.Length; i++) keys[i] = new(items[i].Rank, (double)items[i].PricePerCore, i);
        var original = (Candidate[])items.Clone();
        Array.Sort(keys, items, Comparer<PreferenceKey>.Create((a, b) =>
        {
            var c = a.Rank.CompareTo(b.Rank);
            if (c == 0) c = a.PricePerCore.CompareTo(b.PricePerCore);
            return c != 0 ? c : Candidate.Compare(original[a.Index], original[b.Index]);
        }));
        return items;
    }

    private readonly record struct PreferenceKey(int Rank, double PricePerCore, int Index);

    /// <summary>Cores the pass can count on: the kept part plus every usable unit.</summary>
    public long UsableCores => CapacityByZone.Sum();

    public static CandidateSet Build(PlanningInput input, IReadOnlyList<Allocation> fixedAllocations,
        IReadOnlyDictionary<string, int> reservedUnits)
    {
        var request = input.Request;
        var topology = input.Topology;
        var allowed = topology.InternalZones
            .Where(z => z.RegionId == request.RegionId)
            .Where(z => request.AllowedInternalZoneIds.Count == 0 || request.AllowedInternalZoneIds.Contains(z.Id))
            .ToDictionary(z => z.Id, StringComparer.Ordinal);
        var members = topology.MemberZones.Where(m => allowed.ContainsKey(m.InternalZoneId))
            .ToDictionary(m => m.Id, StringComparer.Ordinal);
        var down = allowed.Values.Where(z => z.Health == ZoneHealth.Down).Select(z => z.Id)
            .Concat(members.Values.Where(m => m.Health == ZoneHealth.Down && allowed[m.InternalZoneId].Health != ZoneHealth.Down).Select(m => m.Id))
            .Order(StringComparer.Ordinal).ToArray();

        var zoneIds = allowed.Values.Where(z => z.Health != ZoneHealth.Down).Select(z => z.Id)
            .Concat(fixedAllocations.Select(a => a.InternalZoneId))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var zoneIndex = zoneIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

        var candidates = new List<Candidate>();
        long forbidden = 0;
        int stockedOut = 0, belowMin = 0, eaten = 0;
        var minUnit = Math.Max(input.Options.MinCoresPerUnit, request.MinCoresPerUnit);
        foreach (var offering in topology.Offerings)
        {
            if (!members.TryGetValue(offering.MemberZoneId, out var member)) continue;
            var zone = allowed[member.InternalZoneId];
            var health = PreferenceRank.Worst(zone.Health, member.Health);
            if (health == ZoneHealth.Down || !offering.IsUsable || offering.CoresPerUnit <= 0) continue;
            if (input.StockedOut.Contains(StockoutKey.Of(offering))) { stockedOut++; continue; }
            // Node shape (issue 13): the planner plans usable cores, a unit's cores less its node overhead.
            var usable = input.Options.UsableCores(offering.Provider, offering.CoresPerUnit);
            if (offering.Provider != ProviderKind.Idc && request.Tier == ServiceTier.HotCache && !request.CloudAllowed)
            {
                forbidden += (long)offering.Stock * Math.Max(0, usable);
                continue;
            }
            if (offering.CoresPerUnit < minUnit) { if (offering.Stock > 0) belowMin++; continue; }
            if (usable <= 0) { if (offering.Stock > 0) eaten++; continue; }
            var units = offering.Stock - reservedUnits.GetValueOrDefault(offering.Id);
            if (offering.Provider == ProviderKind.Idc && request.Tier == ServiceTier.Stateless)
                units -= (int)Math.Ceiling(offering.Stock * input.Options.IdcHeadroomForHotCache);
            if (units <= 0) continue;
            var price = offering.PricePerHour!.Value;
            candidates.Add(new Candidate(offering, zone.Id, zoneIndex[zone.Id],
                PreferenceRank.Of(request.Tier, offering.Provider, health), units, usable,
                (double)price, price / usable));
        }
        var sorted = SortByPreference(candidates);

        var fixedByZone = new long[zoneIds.Length];
        foreach (var a in fixedAllocations) fixedByZone[zoneIndex[a.InternalZoneId]] += a.Cores;
        var capacity = (long[])fixedByZone.Clone();
        foreach (var c in sorted) capacity[c.Zone] += (long)c.Units * c.CoresPerUnit;

        return new CandidateSet
        {
            Sorted = sorted,
            ZoneIds = zoneIds,
            FixedCoresByZone = fixedByZone,
            CapacityByZone = capacity,
            Fixed = fixedAllocations,
            FixedCores = fixedByZone.Sum(),
            FixedCostPerHour = fixedAllocations.Sum(a => a.CostPerHour),
            DownZones = down,
            CoresForbiddenByTier = forbidden,
            StockedOutOfferings = stockedOut,
            MinCoresPerUnit = minUnit,
            OfferingsBelowMinUnit = belowMin,
            OfferingsEatenByOverhead = eaten,
        };
    }
}
