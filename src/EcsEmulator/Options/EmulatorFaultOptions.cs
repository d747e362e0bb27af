namespace CapacityConsole.EcsEmulator.Options;

/// <summary>Faults from configuration; tests change them at run time through EcsEmulatorHost.Faults.</summary>
public sealed class EmulatorFaultOptions
{
    /// <summary>Share of calls per action (0–1) answered with 503 ServiceUnavailable.</summary>
    public Dictionary<string, double> ErrorRates { get; set; } = [];
    /// <summary>Added before every answer, to exercise client timeouts.</summary>
    public TimeSpan AddedLatency { get; set; } = TimeSpan.Zero;
    /// <summary>
    /// Per-action delay before the answer, on top of <see cref="AddedLatency"/>: real ECS takes about a
    /// second for RunInstances and DescribeInstances where loopback answers in milliseconds (issue 15).
    /// </summary>
    public Dictionary<string, TimeSpan> ActionLatency { get; set; } = [];
    /// <summary>Zones that refuse new instances (Zone.NotOnSale) and show no stock.</summary>
    public List<string> DownZones { get; set; } = [];
    /// <summary>"zoneId/instanceType" pairs that report no stock whatever their count.</summary>
    public List<string> StockOuts { get; set; } = [];
}
