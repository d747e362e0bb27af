using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>One line of a plan: so many units of one offering in one member zone.</summary>
public sealed record Allocation(
    string InternalZoneId,
    string MemberZoneId,
    ProviderKind Provider,
    string OfferingId,
    string InstanceType,
    int Units,
    int Cores,
    decimal CostPerHour)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Allocation() : this(default!, default!, default!, default!, default!, default!, default!, default!) { }
}

