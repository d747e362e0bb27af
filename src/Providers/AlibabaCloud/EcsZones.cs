namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>ECS calls need a RegionId; member zones are ECS zone ids whose prefix is the region.</summary>
public static class EcsZones
{
    /// <summary>
    /// "cn-beijing-h" → "cn-beijing", "ap-southeast-1a" → "ap-southeast-1" (both zone id styles
    /// exist). The longest configured region that prefixes the zone wins, so unusual ids resolve.
    /// </summary>
    public static string RegionOf(string zoneId, IEnumerable<string> configuredRegions)
    {
        var configured = configuredRegions
            .Where(r => zoneId.Length > r.Length && zoneId.StartsWith(r, StringComparison.Ordinal))
            .MaxBy(r => r.Length);
        if (configured is not null) return configured;
        var cut = zoneId.LastIndexOf('-');
        var last = cut > 0 ? zoneId[(cut + 1)..] : "";
        if (last.Length == 1) return zoneId[..cut];
        if (last.Length > 1 && char.IsAsciiLetterLower(last[^1]) && char.IsAsciiDigit(last[^2])) return zoneId[..^1];
        throw new EcsValidationException("ZoneId", $"'{zoneId}' is not an ECS zone id.");
    }
}
