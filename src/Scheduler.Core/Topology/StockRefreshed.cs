using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// A stock and price refresh stored new offerings for these internal zones (those whose provider
/// answered): what a zone can reach changed, so dashboards re-read their zones and the approval
/// queue's previews turn stale until they are re-planned.
/// </summary>
public sealed record StockRefreshed(IReadOnlyList<string> InternalZoneIds, DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => InternalZoneIds.Select(LiveKeys.Zone);

    // One per refresh pass (minutes apart), each naming the zones it read: merging two would lose the first one's zones.
    public override string? Subject => null;
}
