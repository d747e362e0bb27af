using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// A seeded random region of 32 internal zones × 40 offerings: per internal zone one IDC hall with 10
/// host classes and two Alibaba Cloud zones with 15 ECS types each. About 1 in 10 zones is Degraded and
/// 1 in 30 Down; 5% of prices are unknown and 10% of offerings are out of stock. Stock is scaled to
/// the request so that the region holds roughly four times the cores asked for, which makes stock
/// bind in some zones (otherwise every plan would be "all in the cheapest offering").
/// </summary>
public static class BenchTopology
{
    public const int InternalZones = 32;
    private const int IdcClasses = 10;
    private const int CloudTypesPerZone = 15;
    private static readonly DateTimeOffset Start = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Families = ["ecs.c7", "ecs.g7", "ecs.r7", "ecs.c6", "ecs.g6"];

    public static PlanningInput Create(int seed, int cores, ServiceTier tier, decimal share = 1m, bool cloudAllowed = true)
    {
        var rng = new Random(seed);
        var offeringsPerZone = IdcClasses + 2 * CloudTypesPerZone;
        var coresPerOffering = 4.0 * cores / (InternalZones * offeringsPerZone);
        List<InternalZone> zones = [];
        List<MemberZone> members = [];
        List<Offering> offerings = [];

        ZoneHealth Health(double degraded, double down)
        {
            var x = rng.NextDouble();
            return x < down ? ZoneHealth.Down : x < down + degraded ? ZoneHealth.Degraded : ZoneHealth.Healthy;
        }

        void AddOffering(string member, ProviderKind provider, string type, string family, int cpu, double minPerCore, double maxPerCore)
        {
            var perCore = minPerCore + rng.NextDouble() * (maxPerCore - minPerCore);
            decimal? price = rng.NextDouble() < 0.05 ? null : Math.Round((decimal)(perCore * cpu), 4);
            var meanUnits = Math.Max(1.0, coresPerOffering / cpu);
            var stock = rng.NextDouble() < 0.10 ? 0 : (int)Math.Round(rng.NextDouble() * 2 * meanUnits);
            offerings.Add(new Offering($"{member}/{type}", member, provider, type, family, cpu, price, stock, Start));
        }

        for (var z = 0; z < InternalZones; z++)
        {
            var id = $"bj-{z:D2}";
            zones.Add(new InternalZone(id, "cn-bench", id, Health(0.10, 0.033), null, Start));
            members.Add(new MemberZone($"{id}-idc", id, ProviderKind.Idc, "hall", Health(0.05, 0.02)));
            for (var i = 0; i < IdcClasses; i++)
                AddOffering($"{id}-idc", ProviderKind.Idc, $"host.{i}", "host", rng.GetItems([32, 48, 64, 96, 128], 1)[0], 0.08, 0.20);
            foreach (var suffix in new[] { "a", "b" })
            {
                var member = $"{id}-ali-{suffix}";
                members.Add(new MemberZone(member, id, ProviderKind.AlibabaCloud, member, Health(0.05, 0.02)));
                for (var i = 0; i < CloudTypesPerZone; i++)
                {
                    var family = Families[i % Families.Length];
                    var cpu = rng.GetItems([2, 4, 8, 16, 32, 64], 1)[0];
                    AddOffering(member, ProviderKind.AlibabaCloud, $"{family}.{cpu}x.{i}", family, cpu, 0.15, 0.45);
                }
            }
        }

        var request = new PlanningRequest(Guid.Empty, tier, cloudAllowed, cores, "cn-bench", [], Start, Start.AddHours(24), share);
        return new PlanningInput(Guid.Empty, request,
            new TopologySnapshot([new Region("cn-bench", "bench")], zones, members, offerings), 1_000_000_000_000m, Start);
    }
}
