namespace CapacityConsole.Scheduler.Topology;

/// <summary>The whole topology read at once: what the Zones page and the planner work from.</summary>
public sealed record TopologySnapshot(
    IReadOnlyList<Region> Regions,
    IReadOnlyList<InternalZone> InternalZones,
    IReadOnlyList<MemberZone> MemberZones,
    IReadOnlyList<Offering> Offerings);
