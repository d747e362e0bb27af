namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// The Zones page's read model: regions → internal zones → member zones, each with its capacity.
/// Free cores are what the offerings' stock can still deliver; allocated cores are what our live
/// resources hold there.
/// </summary>
public sealed record ZoneOverview(IReadOnlyList<RegionOverview> Regions)
{
    /// <summary>
    /// Providers none of whose member zones has an offering yet: their stock has not been read (right
    /// after start-up, before the first stock refresh), so their zones' free cores are unknown, not 0.
    /// </summary>
    public IReadOnlyList<ProviderKind> StockNotRead =>
        [.. Members.GroupBy(m => m.Member.Provider).Where(g => g.All(m => m.OfferingCount == 0)).Select(g => g.Key).Order()];

    /// <summary>No provider's stock has been read yet: there is no total to show.</summary>
    public bool NoStockRead => Members.All(m => m.OfferingCount == 0);

    private IEnumerable<MemberZoneOverview> Members => Regions.SelectMany(r => r.Zones).SelectMany(z => z.Members);
}

public sealed record RegionOverview(Region Region, IReadOnlyList<InternalZoneOverview> Zones);

public sealed record InternalZoneOverview(InternalZone Zone, IReadOnlyList<MemberZoneOverview> Members)
{
    public CoreCapacity Capacity => CoreCapacity.Sum(Members.Select(m => m.Capacity));
    public CoreCapacity Idc => CoreCapacity.Sum(Members.Where(m => m.Member.Provider == ProviderKind.Idc).Select(m => m.Capacity));
    public CoreCapacity Cloud => CoreCapacity.Sum(Members.Where(m => m.Member.Provider == ProviderKind.AlibabaCloud).Select(m => m.Capacity));
}

public sealed record MemberZoneOverview(MemberZone Member, int OfferingCount, CoreCapacity Capacity);

public readonly record struct CoreCapacity(int FreeCores, int AllocatedCores)
{
    /// <summary>Free plus allocated: everything the member zone can hold for us right now.</summary>
    public int TotalCores => FreeCores + AllocatedCores;

    public double AllocatedShare => TotalCores == 0 ? 0 : (double)AllocatedCores / TotalCores;

    public static CoreCapacity Sum(IEnumerable<CoreCapacity> parts) =>
        parts.Aggregate(default(CoreCapacity), (a, b) => new(a.FreeCores + b.FreeCores, a.AllocatedCores + b.AllocatedCores));
}
