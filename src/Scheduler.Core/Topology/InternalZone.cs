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
    DateTimeOffset HealthChangedAt)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private InternalZone() : this(default!, default!, default!, default!, default!, default!) { }
}

