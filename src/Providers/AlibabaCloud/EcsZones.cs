namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>ECS calls need a RegionId; member zones are ECS zone ids whose prefix is the region.</summary>
public static class EcsZones
{
    /// <summary>"cn-beijing-h" → "cn-beijing". A configured region that prefixes the zone wins, so
    /// multi-part regions ("cn-hangzhou-finance") resolve correctly.</summary>
    public static string RegionOf(string zoneId, IEnumerable<string> configuredRegions)
    {
        var configured = configuredRegions
            .Where(r => zoneId.StartsWith(r + "-", StringComparison.Ordinal))
            .MaxBy(r => r.Length);
        if (configured is not null) return configured;
        var cut = zoneId.LastIndexOf('-');
        return cut > 0 ? zoneId[..cut] : throw new EcsValidationException("ZoneId", $"'{zoneId}' is not an ECS zone id.");
    }
}
