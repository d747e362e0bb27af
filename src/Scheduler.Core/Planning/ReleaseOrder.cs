using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The order in which a plan's capacity is given back (brief §5.6): cloud before IDC, because cloud
/// is what the event was paid by the hour for; within each, the most expensive per core first, so a
/// release cut short leaves the cheapest capacity running. Ties by ordinal ids keep it deterministic.
/// </summary>
public static class ReleaseOrder
{
    public static IReadOnlyList<Allocation> Of(IEnumerable<Allocation> allocations) => allocations
        .OrderBy(a => a.Provider == ProviderKind.Idc ? 1 : 0)
        .ThenByDescending(a => a.Cores == 0 ? 0m : a.CostPerHour / a.Cores)
        .ThenBy(a => a.OfferingId, StringComparer.Ordinal)
        .ThenBy(a => a.MemberZoneId, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The same order for provisioned units, as the one release routine gives them back (see <see cref="Release.ResourceRelease"/>).</summary>
    public static IReadOnlyList<Resource> Of(IEnumerable<Resource> resources) => resources
        .OrderBy(r => r.Provider == ProviderKind.Idc ? 1 : 0)
        .ThenByDescending(r => r.Cores == 0 ? 0m : r.PricePerHour / r.Cores)
        .ThenBy(r => r.OfferingId, StringComparer.Ordinal)
        .ThenBy(r => r.MemberZoneId, StringComparer.Ordinal)
        .ThenBy(r => r.Id, StringComparer.Ordinal)
        .ToArray();
}
