namespace CapacityConsole.EcsEmulator.State;

/// <summary>
/// Everything that must survive a restart, and nothing else: instances, remaining stock and
/// remembered ClientTokens. Nonces and rate-limit windows are short-lived and deliberately not kept.
/// </summary>
public sealed class EmulatorState
{
    public int Version { get; set; } = 1;
    public Dictionary<string, EmulatorInstance> Instances { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Remaining units keyed "zoneId/instanceType".</summary>
    public Dictionary<string, int> Stock { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Keyed "accessKeyId|action|token".</summary>
    public Dictionary<string, ClientTokenRecord> ClientTokens { get; set; } = new(StringComparer.Ordinal);

    public static string StockKey(string zoneId, string instanceType) => $"{zoneId}/{instanceType}";
}

/// <summary>What a successful call with a ClientToken answered, replayed for the same parameters (spec §8.4).</summary>
public sealed class ClientTokenRecord
{
    public required string Fingerprint { get; init; }
    public required string ResponseJson { get; init; }
}
