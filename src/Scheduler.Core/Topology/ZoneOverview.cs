namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// The Zones page's read model: regions → internal zones → member zones, each with its capacity.
/// Free cores are what the offerings' stock can still deliver; allocated cores are what our live
/// resources hold there.
/// </summary>
public sealed record ZoneOverview(IReadOnlyList<RegionOverview> Regions);

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
