using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using FsCheck;
using FsCheck.Xunit;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>The planner's invariants over random topologies and requests (FsCheck).</summary>
[Properties(Arbitrary = [typeof(RandomScenarios)], MaxTest = 300)]
public class PlannerProperties
{
    private static readonly Planner Planner = new();

    [Property]
    public Property Plan_NeverTakesMoreThanStock_NorUsesDownZones_NorUnpricedOfferings(RandomScenario scenario)
    {
        var input = scenario.Input;
        var plan = Planner.Plan(input);
        var offerings = input.Topology.Offerings.ToDictionary(o => o.Id);
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id);
        var zones = input.Topology.InternalZones.ToDictionary(z => z.Id);
        return plan.Allocations.All(a =>
        {
            var o = offerings[a.OfferingId];
            return plan.Allocations.Where(x => x.OfferingId == a.OfferingId).Sum(x => x.Units) <= o.Stock
                && o.PricePerHour is not null
                && a.Cores == a.Units * o.CoresPerUnit
                && a.CostPerHour == a.Units * o.PricePerHour
                && members[a.MemberZoneId].Health != ZoneHealth.Down
                && zones[a.InternalZoneId].Health != ZoneHealth.Down
                && (input.Request.AllowedInternalZoneIds.Count == 0 || input.Request.AllowedInternalZoneIds.Contains(a.InternalZoneId));
        }).Label(scenario.ToString());
    }

    /// <summary>
    /// What the accepted gap gives up, against a plan searched to the end (the gap is held against a
    /// bound every plan of the same ranks obeys): a plan serving as many has the same cores of every
    /// worse preference rank and costs at most that share more. Served cores are searched to the end
    /// either way; they can differ only where the skipped polish or the type limit's choice (which turns
    /// on cost) changes them, and then by no more than that share. A 5% gap, so that the random
    /// scenarios' small plans are cut short too.
    /// </summary>
    [Property]
    public Property AnAcceptedGap_GivesUpAtMostThatShare(RandomScenario scenario)
    {
        var input = scenario.Input;
        var full = Planner.Plan(input with { Options = input.Options with { AcceptedGap = 0m } });
        var cut = Planner.Plan(input with { Options = input.Options with { AcceptedGap = 0.05m } });
        var request = input.Request;
        var servedFull = Planner.ServedCores(full.Allocations, request.Cores, request.SurvivableShare);
        var servedCut = Planner.ServedCores(cut.Allocations, request.Cores, request.SurvivableShare);
        var holds = servedCut != servedFull
            ? servedCut >= servedFull * 0.95
            : WorseRankCores(cut, input).SequenceEqual(WorseRankCores(full, input)) && cut.CostPerHour <= full.CostPerHour * 1.05m + 0.0001m;
        return holds.Label($"{scenario}\nto the end: {servedFull} cores, {full.CostPerHour} CNY/h, ranks 1-3 {string.Join("/", WorseRankCores(full, input))}; "
            + $"within 5%: {servedCut} cores, {cut.CostPerHour} CNY/h, ranks 1-3 {string.Join("/", WorseRankCores(cut, input))}");
    }

    /// <summary>The plan's cores of preference ranks 1, 2 and 3 (rank 0 is the preferred capacity, whose cores may differ).</summary>
    private static long[] WorseRankCores(Plan plan, PlanningInput input)
    {
        var offerings = input.Topology.Offerings.ToDictionary(o => o.Id);
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id);
        var zones = input.Topology.InternalZones.ToDictionary(z => z.Id);
        var cores = new long[4];
        foreach (var a in plan.Allocations)
        {
            var degraded = members[a.MemberZoneId].Health == ZoneHealth.Degraded || zones[a.InternalZoneId].Health == ZoneHealth.Degraded;
            var idc = offerings[a.OfferingId].Provider == ProviderKind.Idc;
            cores[input.Request.Tier == ServiceTier.HotCache ? (idc ? 0 : 2) + (degraded ? 1 : 0) : (idc ? 1 : 0) + (degraded ? 2 : 0)] += a.Cores;
        }
        return cores[1..];
    }

    /// <summary>
    /// With the operator's node shapes (overhead, minimum unit, type limit): no Down zone, within budget,
    /// the spread kept or the shortfall stated, and more than two types in a member zone only with a
    /// reason saying why the limit gave way.
    /// </summary>
    [Property]
    public Property ShapedPlan_NeverUsesADownZone_KeepsTheSpreadAndBudget_AndTheTypeLimitOrSaysWhyNot(RandomScenario scenario)
    {
        var input = scenario.Input with { Options = PlannerOptions.Operator };
        var request = input.Request;
        var plan = Planner.Plan(input);
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id);
        var zones = input.Topology.InternalZones.ToDictionary(z => z.Id);
        var noDown = plan.Allocations.All(a => members[a.MemberZoneId].Health != ZoneHealth.Down && zones[a.InternalZoneId].Health != ZoneHealth.Down);
        var survivable = Math.Ceiling(request.SurvivableShare * request.Cores);
        var complete = plan.PlannedCores >= request.Cores
            && plan.Allocations.Select(a => a.InternalZoneId).Distinct().All(z => plan.PlannedCores - Scenario.CoresIn(plan, z) >= survivable);
        var typesKept = plan.Allocations.GroupBy(a => a.MemberZoneId).All(g => g.Select(a => a.OfferingId).Distinct().Count() <= 2)
            || plan.Reasons.Any(r => r.Kind == PlanReasonKind.NodeShape && r.Text.Contains("gives way", StringComparison.Ordinal));
        return (noDown && complete == plan.IsComplete && plan.EstimatedTotal <= input.BudgetLeft && typesKept).Label(scenario + $"\n=> {plan}");
    }

    [Property]
    public Property Plan_StaysWithinBudget(RandomScenario scenario)
    {
        var plan = Planner.Plan(scenario.Input);
        return (plan.EstimatedTotal <= scenario.Input.BudgetLeft
            && plan.EstimatedTotal == Planner.EstimatedTotal(plan.Allocations, scenario.Input.Request)).ToProperty();
    }

    [Property]
    public Property Plan_ServesEveryCoreAndSurvivesAnySingleZoneLoss_OrReportsTheShortfall(RandomScenario scenario)
    {
        var request = scenario.Input.Request;
        var plan = Planner.Plan(scenario.Input);
        var survivable = Math.Ceiling(request.SurvivableShare * request.Cores);
        var complete = plan.PlannedCores >= request.Cores
            && plan.Allocations.Select(a => a.InternalZoneId).Distinct()
                .All(z => plan.PlannedCores - Scenario.CoresIn(plan, z) >= survivable);
        var honest = plan.ShortfallCores == Planner.Shortfall(plan.Allocations, request.Cores, request.SurvivableShare);
        var explained = plan.IsComplete
            ? plan.ShortfallReason is null && plan.ShortfallCauses == ShortfallCause.None
            : plan.ShortfallReason is not null && plan.ShortfallCauses != ShortfallCause.None;
        return (honest && explained && complete == plan.IsComplete).Label(scenario + $"\n=> {plan}");
    }

    [Property]
    public Property Plan_RespectsTheTiers(RandomScenario scenario)
    {
        var input = scenario.Input;
        var request = input.Request;
        var plan = Planner.Plan(input);
        var offerings = input.Topology.Offerings.ToDictionary(o => o.Id);
        var cloudUsed = plan.Allocations.Any(a => a.Provider != ProviderKind.Idc);
        // Stateless leaves the IDC headroom alone; HotCache uses cloud only when allowed, and only when
        // an IDC-only plan could not have served the request within budget.
        var headroomKept = request.Tier != ServiceTier.Stateless || plan.Allocations
            .Where(a => a.Provider == ProviderKind.Idc)
            .All(a => a.Units <= offerings[a.OfferingId].Stock - (int)Math.Ceiling(offerings[a.OfferingId].Stock * input.Options.IdcHeadroomForHotCache));
        var hotCacheOnIdc = request.Tier != ServiceTier.HotCache || !cloudUsed
            || (request.CloudAllowed && !Planner.Plan(input with { Request = request with { CloudAllowed = false } }).IsComplete);
        return (headroomKept && hotCacheOnIdc).Label(scenario.ToString());
    }

    /// <summary>
    /// For Stateless, health outranks the provider; for HotCache the tier rule comes first, so a degraded
    /// IDC hall is used before healthy cloud but only when the healthy IDC halls cannot serve, and degraded
    /// cloud only when healthy cloud (after all IDC) cannot (see PreferenceRank).
    /// </summary>
    [Property]
    public Property Plan_UsesDegradedZonesOnlyWhenHealthierOptionsCannotServe(RandomScenario scenario)
    {
        var input = scenario.Input;
        var topology = input.Topology;
        var zones = topology.InternalZones.ToDictionary(z => z.Id);
        bool Degraded(MemberZone m) => m.Health == ZoneHealth.Degraded || zones[m.InternalZoneId].Health == ZoneHealth.Degraded;
        var degradedUsed = Planner.Plan(input).Allocations
            .Select(a => topology.MemberZones.Single(m => m.Id == a.MemberZoneId)).Where(Degraded).ToArray();
        if (degradedUsed.Length == 0) return true.ToProperty();

        var hotCache = input.Request.Tier == ServiceTier.HotCache;
        var degradedIdcUsed = degradedUsed.Any(m => m.Provider == ProviderKind.Idc);
        // The counterfactual: the same input with the degraded capacity of the kind that was used taken away.
        bool Drop(MemberZone m) => Degraded(m) && (!hotCache || degradedIdcUsed || m.Provider != ProviderKind.Idc);
        var healthier = input with
        {
            Topology = topology with { MemberZones = topology.MemberZones.Select(m => Drop(m) ? m with { Health = ZoneHealth.Down } : m).ToArray() },
            Request = hotCache && degradedIdcUsed ? input.Request with { CloudAllowed = false } : input.Request,
        };
        return (!Planner.Plan(healthier).IsComplete).Label(scenario.ToString());
    }

    [Property]
    public Property Plan_IsDeterministic_WhateverTheInputOrder(RandomScenario scenario)
    {
        var input = scenario.Input;
        var shuffled = input with
        {
            Topology = input.Topology with
            {
                Offerings = input.Topology.Offerings.Reverse().ToArray(),
                InternalZones = input.Topology.InternalZones.Reverse().ToArray(),
            },
        };
        return Planner.Plan(input).Allocations.SequenceEqual(Planner.Plan(shuffled).Allocations).ToProperty();
    }
}
