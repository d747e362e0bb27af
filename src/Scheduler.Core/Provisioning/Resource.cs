using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// One provisioned unit (ECS instance id or IDC host id), always tied to its request, with the hourly
/// price it was bought at so that actual spend is exact.
/// </summary>
public sealed record Resource(
    string Id,
    ProviderKind Provider,
    string MemberZoneId,
    string OfferingId,
    string InstanceType,
    int Cores,
    Guid RequestId,
    Guid? BatchId,
    ResourceState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RunningAt,
    DateTimeOffset? ReleasedAt,
    decimal PricePerHour)
{
    /// <summary>Held and billed: not yet Released.</summary>
    public bool IsLive => ResourceLifecycle.IsLive(State);

    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Resource() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!) { }
}

