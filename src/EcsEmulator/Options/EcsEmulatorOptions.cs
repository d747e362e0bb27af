using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.EcsEmulator.Options;

/// <summary>Everything the emulator can be told: where it listens, who may call, what it sells, how it misbehaves.</summary>
public sealed class EcsEmulatorOptions
{
    public const string SectionName = "EcsEmulator";

    /// <summary>Loopback port; 0 picks a free one (the in-process default). Standalone without --urls uses 5900 then.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Accepted AccessKey pairs. Empty: the host generates one (see EcsEmulatorHost.Credentials).</summary>
    public List<EmulatorCredential> Credentials { get; set; } = [];

    /// <summary>Regions, zones and per-zone offerings (stock and price). Empty: <see cref="DemoTopology"/>.</summary>
    public List<EmulatorRegion> Regions { get; set; } = [];

    /// <summary>Pending → Starting at half the delay → Running at the full delay.</summary>
    public TimeSpan BootDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Allowed skew of Timestamp / x-acs-date; also how long nonces are remembered (spec §8.2–8.3).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Stock below this (and above 0) is reported ClosedWithStock rather than WithStock.</summary>
    [Range(1, int.MaxValue)]
    public int LowStockThreshold { get; set; } = 10;

    /// <summary>Account-wide vCPU quota for live instances; 0 = unlimited. Exceeding it is QuotaExceed.ElasticQuota.</summary>
    [Range(0, int.MaxValue)]
    public int VcpuQuota { get; set; }

    /// <summary>ECS caps instance creation at 5000 per minute per account (spec §3.6); beyond it RunInstances is throttled.</summary>
    [Range(1, int.MaxValue)]
    public int MaxInstancesCreatedPerMinute { get; set; } = 5000;

    [Required]
    public EmulatorRateLimits RateLimits { get; set; } = new();

    [Required]
    public EmulatorFaultOptions Faults { get; set; } = new();

    /// <summary>
    /// Loaded at start when it exists (a corrupt or newer file stops the start and is left untouched),
    /// saved whenever the state changed (every <see cref="StateSaveInterval"/>) and at dispose.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>How often a changed state is written to <see cref="StateFile"/>: the most a kill -9 can lose.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StateSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fixes instance ids and fault dice for reproducible runs.</summary>
    public int? RandomSeed { get; set; }
}

public sealed class EmulatorCredential
{
    [Required] public string AccessKeyId { get; set; } = "";
    [Required] public string AccessKeySecret { get; set; } = "";
    /// <summary>When set, the pair is an STS credential and every call must carry this token.</summary>
    public string? SecurityToken { get; set; }

    public override string ToString() => $"{AccessKeyId} (secret hidden)";
}
