namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// Units of a Provisioning or Active request disappeared at their provider (deleted by hand, host
/// failure, reclaimed): which request, how many cores, where. The on-call page raises it as an alert.
/// </summary>
public sealed record CapacityVanished(Guid RequestId, string ServiceId, int Units, int Cores, IReadOnlyList<string> MemberZoneIds, DateTimeOffset At)
    : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Request(RequestId)];

    // An alert: each one must reach the on-call page, so none is merged into a later one.
    public override string? Subject => null;
}
