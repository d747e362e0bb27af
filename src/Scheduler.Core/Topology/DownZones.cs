namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// The member zones nothing may run in: those marked Down themselves and every member of an
/// internal zone marked Down (the planner reads health the same way).
/// </summary>
public static class DownZones
{
    public static IReadOnlySet<string> MemberZoneIds(TopologySnapshot topology)
    {
        var downInternal = topology.InternalZones.Where(z => z.Health == ZoneHealth.Down).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        return topology.MemberZones
            .Where(m => m.Health == ZoneHealth.Down || downInternal.Contains(m.InternalZoneId))
            .Select(m => m.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
