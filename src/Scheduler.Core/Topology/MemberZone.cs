namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// An IDC hall or an Alibaba Cloud zone (e.g. "cn-beijing-h") inside an internal zone. Why and when
/// on-call last changed its health are null until someone does.
/// </summary>
public sealed record MemberZone(
    string Id,
    string InternalZoneId,
    ProviderKind Provider,
    string Name,
    ZoneHealth Health,
    string? HealthReason = null,
    DateTimeOffset? HealthChangedAt = null)
{
    /// <summary>
    /// True when <see cref="Health"/> (and its reason and time) come from the internal zone, which is
    /// worse off than the member zone's own record (see <see cref="EffectiveHealth"/>).
    /// </summary>
    public bool HealthFromInternalZone { get; init; }

    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private MemberZone() : this(default!, default!, default!, default!, default!) { }
}
