using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>
/// A realistic demo topology: two regions, four internal zones each, every internal zone merging
/// an IDC hall with one or two Alibaba Cloud zones. IDC host classes are ours (chargeback price per
/// hour); ECS offerings are not seeded, they come from the provider's stock and price refresh.
/// </summary>
public static class DemoTopology
{
    public static readonly IReadOnlyList<Region> Regions =
    [
        new("cn-beijing", "Beijing"),
        new("cn-shanghai", "Shanghai"),
    ];

    // (internal zone, IDC hall, Alibaba Cloud zones)
    private static readonly (string Zone, string Region, string Name, string Hall, string[] Cloud)[] Layout =
    [
        ("bj-1", "cn-beijing", "Beijing 1 (Yizhuang)", "bj-idc-yizhuang", ["cn-beijing-h", "cn-beijing-i"]),
        ("bj-2", "cn-beijing", "Beijing 2 (Jiuxianqiao)", "bj-idc-jiuxianqiao", ["cn-beijing-j"]),
        ("bj-3", "cn-beijing", "Beijing 3 (Shunyi)", "bj-idc-shunyi", ["cn-beijing-k"]),
        ("bj-4", "cn-beijing", "Beijing 4 (Huailai)", "bj-idc-huailai", ["cn-beijing-l"]),
        ("sh-1", "cn-shanghai", "Shanghai 1 (Jiading)", "sh-idc-jiading", ["cn-shanghai-e", "cn-shanghai-f"]),
        ("sh-2", "cn-shanghai", "Shanghai 2 (Pudong)", "sh-idc-pudong", ["cn-shanghai-g"]),
        ("sh-3", "cn-shanghai", "Shanghai 3 (Songjiang)", "sh-idc-songjiang", ["cn-shanghai-l"]),
        ("sh-4", "cn-shanghai", "Shanghai 4 (Qingpu)", "sh-idc-qingpu", ["cn-shanghai-m"]),
    ];

    /// <summary>IDC host classes: (instance type, family, cores, chargeback CNY per hour, hosts per hall).</summary>
    public static readonly IReadOnlyList<(string Type, string Family, int Cores, decimal Price, int Hosts)> IdcHostClasses =
    [
        ("idc.h96.general", "idc.h96", 96, 8.64m, 120),
        ("idc.h64.compute", "idc.h64", 64, 6.08m, 80),
    ];

    public static TopologySnapshot Build(DateTimeOffset now)
    {
        var internalZones = Layout.Select(l => new InternalZone(l.Zone, l.Region, l.Name, ZoneHealth.Healthy, null, now)).ToList();
        var memberZones = Layout.SelectMany(l =>
            new[] { new MemberZone(l.Hall, l.Zone, ProviderKind.Idc, $"IDC hall {l.Hall}", ZoneHealth.Healthy) }
                .Concat(l.Cloud.Select(c => new MemberZone(c, l.Zone, ProviderKind.AlibabaCloud, $"Alibaba Cloud {c}", ZoneHealth.Healthy))))
            .ToList();
        var offerings = Layout.SelectMany(l => IdcHostClasses.Select(h =>
                new Offering($"{l.Hall}/{h.Type}", l.Hall, ProviderKind.Idc, h.Type, h.Family, h.Cores, h.Price, h.Hosts, now)))
            .ToList();
        return new TopologySnapshot(Regions, internalZones, memberZones, offerings);
    }

    /// <summary>The IDC halls of the demo, for the IDC provider's host inventory.</summary>
    public static IEnumerable<string> IdcHalls => Layout.Select(l => l.Hall);

    /// <summary>The Alibaba Cloud zones of the demo, for the emulator's stock configuration.</summary>
    public static IEnumerable<(string RegionId, string ZoneId)> CloudZones =>
        Layout.SelectMany(l => l.Cloud.Select(c => (l.Region, c)));

    public static readonly IReadOnlyList<Service> Services =
    [
        new("order-submit", "Order submission", "trade", "CC-TRADE", ServiceTier.Stateless, true, []),
        new("live-room-gateway", "Live-room gateway", "live", "CC-LIVE", ServiceTier.Stateless, true, []),
        new("recommendation", "Recommendation", "growth", "CC-GROWTH", ServiceTier.Stateless, true, []),
        new("product-detail-cache", "Product detail cache", "trade", "CC-TRADE", ServiceTier.HotCache, false, []),
        new("inventory-hot-cache", "Inventory hot cache", "trade", "CC-TRADE", ServiceTier.HotCache, true, ["bj-1", "bj-2", "bj-3"]),
    ];
}
