using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The order in which the planner reaches for capacity (0 first). The planner minimises the cores it
/// takes from rank 3, then rank 2, then rank 1, and only then cost: a worse rank is used only when the
/// better ones cannot serve (including the spread they must keep).
/// <list type="bullet">
/// <item>HotCache: IDC healthy, IDC degraded, cloud healthy, cloud degraded. "Cloud only if IDC is
/// exhausted" (§5.1) is a hard rule, so even a degraded IDC hall comes before the cloud.</item>
/// <item>Stateless: cloud healthy, IDC healthy (above the headroom), cloud degraded, IDC degraded.
/// Cloud-first (§5.2) is about cost and headroom while avoiding a degraded zone (§5.3) is about
/// surviving the event, so health outranks the provider here.</item>
/// </list>
/// </summary>
internal static class PreferenceRank
{
    public const int Count = 4;

    public static int Of(ServiceTier tier, ProviderKind provider, ZoneHealth health)
    {
        var degraded = health == ZoneHealth.Degraded;
        var idc = provider == ProviderKind.Idc;
        return tier == ServiceTier.HotCache
            ? (idc ? 0 : 2) + (degraded ? 1 : 0)
            : (idc ? 1 : 0) + (degraded ? 2 : 0);
    }

    /// <summary>The worse of a member zone's own health and its internal zone's.</summary>
    public static ZoneHealth Worst(ZoneHealth a, ZoneHealth b) => (ZoneHealth)Math.Max((int)a, (int)b);
}
