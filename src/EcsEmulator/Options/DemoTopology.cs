namespace CapacityConsole.EcsEmulator.Options;

/// <summary>
/// What the emulator sells when nothing is configured: two regions, five zones, a handful of c7/g7
/// types with stock and plausible CNY prices. One zone has a type sold out so that path is visible.
/// </summary>
public static class DemoTopology
{
    public static List<EmulatorRegion> Create() =>
    [
        Region("cn-beijing", "华北2（北京）", "cn-beijing-h", "cn-beijing-i", "cn-beijing-j"),
        Region("cn-shanghai", "华东2（上海）", "cn-shanghai-l", "cn-shanghai-m"),
    ];

    /// <summary>The same offerings in the zones a host names (the console passes its seeded cloud zones).</summary>
    public static List<EmulatorRegion> For(IEnumerable<(string RegionId, string ZoneId)> zones) =>
        zones.GroupBy(z => z.RegionId)
            .Select(g => Region(g.Key, g.Key, g.Select(z => z.ZoneId).ToArray()))
            .ToList();

    private static EmulatorRegion Region(string id, string name, params string[] zones) => new()
    {
        RegionId = id,
        LocalName = name,
        Zones = zones.Select((z, i) => new EmulatorZone { ZoneId = z, Offerings = Offerings(i) }).ToList(),
    };

    private static List<EmulatorOffering> Offerings(int zoneIndex) =>
    [
        new() { InstanceType = "ecs.c7.large", Cores = 2, MemoryGiB = 4, Stock = 2000, PricePerHour = 0.42m },
        new() { InstanceType = "ecs.c7.2xlarge", Cores = 8, MemoryGiB = 16, Stock = 1000, PricePerHour = 1.67m },
        new() { InstanceType = "ecs.c7.8xlarge", Cores = 32, MemoryGiB = 64, Stock = zoneIndex == 1 ? 0 : 400, PricePerHour = 6.68m },
        new() { InstanceType = "ecs.g7.8xlarge", Cores = 32, MemoryGiB = 128, Stock = 300, PricePerHour = 8.32m },
        new() { InstanceType = "ecs.c7.16xlarge", Cores = 64, MemoryGiB = 128, Stock = 150, PricePerHour = 13.36m },
    ];
}
