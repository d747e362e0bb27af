namespace CapacityConsole.Scheduler.Services;

/// <summary>
/// A business service. <see cref="AllowedInternalZoneIds"/> empty means any zone of the region;
/// <see cref="CloudAllowed"/> lets a HotCache service spill to cloud once IDC is exhausted (brief §5.1).
/// </summary>
public sealed record Service(
    string Id,
    string Name,
    string OwnerTeam,
    string CostCenter,
    ServiceTier Tier,
    bool CloudAllowed,
    IReadOnlyList<string> AllowedInternalZoneIds)
{
    /// <summary>
    /// The smallest unit (vCPU per node) this service's plans may use, on top of the planner's own
    /// minimum (issue 13: no 2-vCPU nodes for a service that runs big pods); 0 means no further limit.
    /// </summary>
    public int MinCoresPerUnit { get; init; }

    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Service() : this(default!, default!, default!, default!, default!, default!, default!) { }
}

