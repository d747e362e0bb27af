using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>Cores of one request's live resources in one member zone of one provider.</summary>
public sealed record LiveCores(string MemberZoneId, ProviderKind Provider, Guid RequestId, long Cores)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private LiveCores() : this(default!, default!, default!, default!) { }
}
