using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Capacity;

/// <summary>Per internal zone and provider at a time: total, allocated and used cores.</summary>
public sealed record CapacitySample(
    string InternalZoneId,
    ProviderKind Provider,
    DateTimeOffset At,
    int TotalCores,
    int AllocatedCores,
    int UsedCores)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private CapacitySample() : this(default!, default!, default!, default!, default!, default!) { }
}

