namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>One incoming call after parsing: merged query + form parameters (spec §1), headers and raw body.</summary>
internal sealed class EcsRequest(string method, string host, Dictionary<string, string> parameters,
    Dictionary<string, string> queryOnly, Dictionary<string, string> headers, byte[] body)
{
    public string Method { get; } = method;
    public string Host { get; } = host;
    public Dictionary<string, string> Parameters { get; } = parameters;
    public Dictionary<string, string> QueryOnly { get; } = queryOnly;
    /// <summary>Lowercase names.</summary>
    public Dictionary<string, string> Headers { get; } = headers;
    public byte[] Body { get; } = body;
    public string RequestId { get; } = Guid.NewGuid().ToString("D").ToUpperInvariant();

    /// <summary>Set by authentication: the action from the Action param (V1) or x-acs-action (V3).</summary>
    public string Action { get; set; } = "";
    public string AccessKeyId { get; set; } = "";

    public string? Get(string name) => Parameters.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public string Require(string name) => Get(name) ?? throw EcsError.Missing(name);
}
