namespace CapacityConsole.EcsEmulator.State;

/// <summary>One emulated ECS instance. Its status is derived from the clock, so no timer has to run.</summary>
public sealed class EmulatorInstance
{
    public required string InstanceId { get; init; }
    public required string RegionId { get; init; }
    public required string ZoneId { get; init; }
    public required string InstanceType { get; init; }
    public required string Family { get; init; }
    public int Cpu { get; init; }
    public int MemoryMiB { get; init; }
    public string ImageId { get; init; } = "";
    public string InstanceName { get; init; } = "";
    public string InstanceChargeType { get; init; } = "PostPaid";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AutoReleaseAt { get; init; }
    public List<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>Pending for the first half of the boot delay, Starting for the second, then Running (spec §3.12).</summary>
    public string StatusAt(DateTimeOffset now, TimeSpan bootDelay)
    {
        var age = now - CreatedAt;
        if (age >= bootDelay) return "Running";
        return age >= bootDelay / 2 ? "Starting" : "Pending";
    }
}
