namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// The failure domain planners and on-call think in. It merges member zones: IDC halls and nearby
/// Alibaba Cloud zones.
/// </summary>
public sealed record InternalZone(
    string Id,
    string RegionId,
    string Name,
    ZoneHealth Health,
    string? HealthReason,
    DateTimeOffset HealthChangedAt);
