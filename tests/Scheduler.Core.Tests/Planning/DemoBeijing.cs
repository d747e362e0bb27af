using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>
/// The demo's Beijing region as the planner sees it after a stock and price refresh: the seeded
/// internal zones and IDC host classes (<see cref="DemoTopology"/>) plus the ECS emulator's default
/// catalogue in every seeded cloud zone (EcsEmulator/Options/DemoTopology.cs: c7.large 0.42, c7.2xlarge
/// 1.67, c7.8xlarge 6.68 — sold out in the region's second zone, cn-beijing-i — g7.8xlarge 8.32,
/// c7.16xlarge 13.36 CNY/h), with the adapter's nominal 1,000 units for a WithStock category.
/// The window is 5.25 h, the billed span of the measured previews.
/// </summary>
internal static class DemoBeijing
{
    public const double Hours = 5.25;
    private static readonly (string Type, string Family, int Cores, decimal Price)[] Catalogue =
    [
        ("ecs.c7.large", "ecs.c7", 2, 0.42m),
        ("ecs.c7.2xlarge", "ecs.c7", 8, 1.67m),
        ("ecs.c7.8xlarge", "ecs.c7", 32, 6.68m),
        ("ecs.g7.8xlarge", "ecs.g7", 32, 8.32m),
        ("ecs.c7.16xlarge", "ecs.c7", 64, 13.36m),
    ];

    public static TopologySnapshot Topology()
    {
        var seeded = DemoTopology.Build(Scenario.Start);
        var cloud = DemoTopology.CloudZones.Where(z => z.RegionId == "cn-beijing").Select(z => z.ZoneId).ToArray();
        var ecs = cloud.SelectMany((zone, index) => Catalogue.Select(t => new Offering($"{zone}/{t.Type}", zone, ProviderKind.AlibabaCloud,
            t.Type, t.Family, t.Cores, t.Price, t.Type == "ecs.c7.8xlarge" && index == 1 ? 0 : 1000, Scenario.Start)));
        return seeded with { Offerings = [.. seeded.Offerings, .. ecs] };
    }

    public static PlanningInput Input(ServiceTier tier, bool cloudAllowed, int cores, decimal budget, decimal share = 1m) =>
        new(Guid.Empty,
            new PlanningRequest(Guid.Empty, tier, cloudAllowed, cores, "cn-beijing", [], Scenario.Start, Scenario.Start.AddHours(Hours), share),
            Topology(), budget, Scenario.Start);
}
