using System.Text.Json.Serialization;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>
/// Everything that must survive a restart, and nothing else: instances, remaining stock and
/// remembered ClientTokens. Nonces and rate-limit windows are short-lived and deliberately not kept.
/// Add and remove instances through <see cref="Add"/> / <see cref="Remove"/> so the indexes follow.
/// </summary>
public sealed class EmulatorState
{
    public int Version { get; set; } = 1;
    public Dictionary<string, EmulatorInstance> Instances { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Remaining units keyed "zoneId/instanceType".</summary>
    public Dictionary<string, int> Stock { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Keyed "action|token" (one account).</summary>
    public Dictionary<string, ClientTokenRecord> ClientTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ids in ordinal order: NextToken paging seeks here instead of sorting every call.</summary>
    [JsonIgnore] internal SortedSet<string> OrderedIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Auto-release times, earliest first, so a sweep costs nothing while none is due.</summary>
    [JsonIgnore] internal PriorityQueue<string, DateTimeOffset> Expiries { get; } = new();

    /// <summary>vCPUs of live instances, for the quota check without summing every call.</summary>
    [JsonIgnore] internal long VcpusInUse { get; private set; }

    public static string StockKey(string zoneId, string instanceType) => $"{zoneId}/{instanceType}";

    internal void Add(EmulatorInstance instance)
    {
        Instances[instance.InstanceId] = instance;
        OrderedIds.Add(instance.InstanceId);
        VcpusInUse += instance.Cpu;
        if (instance.AutoReleaseAt is { } at) Expiries.Enqueue(instance.InstanceId, at);
    }

    internal void Remove(EmulatorInstance instance)
    {
        if (Instances.Remove(instance.InstanceId)) VcpusInUse -= instance.Cpu;
        OrderedIds.Remove(instance.InstanceId);
    }

    /// <summary>After loading from JSON, which fills only the serialised dictionaries.</summary>
    internal void RebuildIndexes()
    {
        OrderedIds.Clear();
        Expiries.Clear();
        VcpusInUse = 0;
        foreach (var instance in Instances.Values.ToList()) Add(instance);
    }
}

/// <summary>What a successful call with a ClientToken answered, replayed for the same parameters (spec §8.4).</summary>
public sealed class ClientTokenRecord
{
    public required string Fingerprint { get; init; }
    public required string ResponseJson { get; init; }
}
