using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Capacity;

/// <summary>Per internal zone and provider at a time: total, allocated and used cores.</summary>
public sealed record CapacitySample(
    string InternalZoneId,
    ProviderKind Provider,
    DateTimeOffset At,
    int TotalCores,
    int AllocatedCores,
    int UsedCores);
