using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.EcsEmulator.Options;

/// <summary>
/// ECS flow control is per account, region and API over per-minute windows; a throttled API stays
/// refused until the next minute (spec §5). Real quotas are not published, so all are configurable.
/// </summary>
public sealed class EmulatorRateLimits
{
    [Range(1, int.MaxValue)] public int DefaultPerSecond { get; set; } = 100;
    [Range(1, int.MaxValue)] public int DefaultPerMinute { get; set; } = 3000;
    /// <summary>Per action, e.g. RunInstances: { PerSecond: 10, PerMinute: 200 }.</summary>
    public Dictionary<string, EmulatorApiLimit> PerAction { get; set; } = [];
    /// <summary>400 as the ECS common table says; some operations answer 403 or 429.</summary>
    [Range(400, 499)] public int ThrottleStatusCode { get; set; } = 400;

    public EmulatorApiLimit For(string action) =>
        PerAction.TryGetValue(action, out var limit) ? limit : new EmulatorApiLimit { PerSecond = DefaultPerSecond, PerMinute = DefaultPerMinute };
}

public sealed class EmulatorApiLimit
{
    [Range(1, int.MaxValue)] public int PerSecond { get; set; } = 100;
    [Range(1, int.MaxValue)] public int PerMinute { get; set; } = 3000;
}
