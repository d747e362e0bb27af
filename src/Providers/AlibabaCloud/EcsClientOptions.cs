using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>
/// The ECS client and adapter. Credentials may be left empty here: they then come from the standard
/// environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, spec §7).
/// </summary>
public sealed class EcsClientOptions
{
    public const string SectionName = "Providers:AlibabaCloud";

    /// <summary>Fixed endpoint (e.g. the emulator's http://127.0.0.1:5900). Null: https://ecs.{region}.aliyuncs.com.</summary>
    public Uri? Endpoint { get; set; }

    public string? AccessKeyId { get; set; }
    public string? AccessKeySecret { get; set; }
    /// <summary>Set for STS credentials.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>"v3" = ACS3-HMAC-SHA256 (SDK default), "v2" = RPC HMAC-SHA1.</summary>
    [RegularExpression("^v[23]$")]
    public string SignatureAlgorithm { get; set; } = "v3";

    /// <summary>Regions the adapter lists instances in (DescribeInstances needs a RegionId).</summary>
    [MinLength(1)]
    public List<string> Regions { get; set; } = [];

    [Required]
    public string ImageId { get; set; } = "aliyun_3_x64_20G_alibase_20240528.vhd";
    public string? SecurityGroupId { get; set; }
    /// <summary>vSwitch per zone id; ECS requires one for VPC instances.</summary>
    public Dictionary<string, string> VSwitchIds { get; set; } = [];

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;
    /// <summary>Spec §5: 1 s base, doubled, with jitter, capped.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Client-side permits per second per API, kept under ECS's flow control.</summary>
    [Range(1, 10_000)]
    public int DefaultRequestsPerSecond { get; set; } = 20;
    /// <summary>Overrides per action name, e.g. RunInstances: 10.</summary>
    public Dictionary<string, int> RequestsPerSecond { get; set; } = [];
}
