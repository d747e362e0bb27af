using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using FsCheck;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>A random topology and request for the planner's property tests, with a readable description for failures.</summary>
public sealed record RandomScenario(PlanningInput Input)
{
    public override string ToString() =>
        $"{Input.Request} budget {Input.BudgetLeft}\n" +
        string.Join("\n", Input.Topology.InternalZones.Select(z => $"  zone {z.Id} {z.Health}")) + "\n" +
        string.Join("\n", Input.Topology.MemberZones.Select(m => $"  member {m.Id} of {m.InternalZoneId} {m.Health}")) + "\n" +
        string.Join("\n", Input.Topology.Offerings.Select(o => $"  {o.Id} {o.CoresPerUnit}c @{o.PricePerHour?.ToString() ?? "null"} x{o.Stock}"));
}

/// <summary>
/// FsCheck generators: 1–6 internal zones (some Degraded or Down), an IDC hall and a cloud zone in each,
/// 0–3 offerings per member zone. Tuned so that roughly half the plans are complete and half fall short
/// for a mix of reasons, so that both branches of every property are exercised.
/// </summary>
public static class RandomScenarios
{
    private static readonly Gen<ZoneHealth> Health =
        Gen.Frequency(Tuple.Create(14, Gen.Constant(ZoneHealth.Healthy)), Tuple.Create(4, Gen.Constant(ZoneHealth.Degraded)), Tuple.Create(1, Gen.Constant(ZoneHealth.Down)));

    private static Gen<Offering[]> OfferingsIn(string memberId, ProviderKind provider) =>
        from count in Gen.Choose(0, 3)
        from specs in Gen.ArrayOf(count,
            from cores in Gen.Elements(2, 4, 8, 32, 96)
            from centsPerCore in Gen.Choose(5, 60)
            from priced in Gen.Frequency(Tuple.Create(9, Gen.Constant(true)), Tuple.Create(1, Gen.Constant(false)))
            from stock in Gen.Choose(0, 60)
            from family in Gen.Elements("f1", "f2")
            select (cores, centsPerCore, priced, stock, family))
        select specs.Select((s, i) => new Offering($"{memberId}-o{i}", memberId, provider, $"t{i}", s.family, s.cores,
            s.priced ? s.cores * s.centsPerCore / 100m : null, s.stock, Scenario.Start)).ToArray();

    private static Gen<(InternalZone Zone, MemberZone[] Members, Offering[] Offerings)> ZoneGen(int index) =>
        from health in Health
        from idcHealth in Health
        from cloudHealth in Health
        let id = $"z{index}"
        from idc in OfferingsIn($"{id}-idc", ProviderKind.Idc)
        from cloud in OfferingsIn($"{id}-ali", ProviderKind.AlibabaCloud)
        select (new InternalZone(id, "r", id, health, null, Scenario.Start),
            new[] { new MemberZone($"{id}-idc", id, ProviderKind.Idc, "idc", idcHealth), new MemberZone($"{id}-ali", id, ProviderKind.AlibabaCloud, "ali", cloudHealth) },
            idc.Concat(cloud).ToArray());

    public static Arbitrary<RandomScenario> Scenarios() => Arb.From(
        from zoneCount in Gen.Frequency(Tuple.Create(1, Gen.Constant(1)), Tuple.Create(9, Gen.Choose(2, 6)))
        from zones in Gen.Sequence(Enumerable.Range(0, zoneCount).Select(ZoneGen))
        from tier in Gen.Elements(ServiceTier.HotCache, ServiceTier.Stateless)
        from cloudAllowed in Gen.Elements(true, false)
        from cores in Gen.Frequency(Tuple.Create(3, Gen.Choose(1, 400)), Tuple.Create(2, Gen.Choose(401, 3000)))
        from share in Gen.Elements(0.25m, 0.5m, 0.75m, 1m)
        from hours in Gen.Choose(1, 48)
        from budget in Gen.Frequency(Tuple.Create(3, Gen.Constant(10_000_000m)), Tuple.Create(2, Gen.Choose(0, 50_000).Select(b => (decimal)b)))
        from restrict in Gen.Elements(true, false, false)
        let list = zones.ToArray()
        let allowed = restrict ? list.Where((_, i) => i % 2 == 0).Select(z => z.Zone.Id).ToArray() : []
        select new RandomScenario(new PlanningInput(Guid.Empty,
            new PlanningRequest(Guid.Empty, tier, cloudAllowed, cores, "r", allowed, Scenario.Start, Scenario.Start.AddHours(hours), share),
            new TopologySnapshot([new Region("r", "r")], list.Select(z => z.Zone).ToArray(),
                list.SelectMany(z => z.Members).ToArray(), list.SelectMany(z => z.Offerings).ToArray()),
            budget, Scenario.Start)));
}
