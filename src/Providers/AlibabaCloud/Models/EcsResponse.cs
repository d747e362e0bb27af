namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>Same shape as the SDK's XxxResponse: Headers, StatusCode and the parsed Body.</summary>
public abstract class EcsResponse<TBody>
{
    public Dictionary<string, string> Headers { get; set; } = [];
    public int? StatusCode { get; set; }
    public TBody? Body { get; set; }
}

/// <summary>Response tags use TagKey/TagValue while request tags use Key/Value (spec §3.0).</summary>
public sealed class EcsResponseTag
{
    public string? TagKey { get; set; }
    public string? TagValue { get; set; }
}
