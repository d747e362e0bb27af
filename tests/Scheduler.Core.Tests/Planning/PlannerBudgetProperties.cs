using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;
using FsCheck;
using FsCheck.Xunit;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Served cores come first (issue 13): what more budget and more stock may and may not do to a plan.</summary>
[Properties(Arbitrary = [typeof(RandomScenarios)], MaxTest = 1000)]
public class PlannerBudgetProperties
{
    private static readonly Planner Planner = new();

    private static int Served(Plan plan, PlanningInput input) =>
        Planner.ServedCores(plan.Allocations, input.Request.Cores, input.Request.SurvivableShare);

    /// <summary>Strict: the short-plan search (ServedSearch) closes the whole-unit gaps that used to make this hold only within one unit.</summary>
    [Property]
    public Property BiggerBudget_NeverServesFewerCores(RandomScenario scenario, PositiveInt extraPercent)
    {
        var input = scenario.Input;
        var richer = input with { BudgetLeft = input.BudgetLeft * (1 + extraPercent.Get % 200 / 100m) + 1m };
        var before = Served(Planner.Plan(input), input);
        var after = Served(Planner.Plan(richer), richer);
        return (after >= before).Label($"{scenario}\nserved {before} at {input.BudgetLeft}, {after} at {richer.BudgetLeft}");
    }

    /// <summary>
    /// More stock never serves fewer cores (strict); and where the served cores and the cores per
    /// preference rank stay the same, the cost does not rise beyond <see cref="CostTolerance"/>. Strict
    /// "never raises the cost" holds for the exact optimum only: the planner's cap searches and
    /// whole-unit polish land in a local optimum that more stock elsewhere can shift (after the polish,
    /// about 1 random case in 1,000–3,000 still rose, by at most 0.2% seen; the bound is 1%).
    /// </summary>
    private const decimal CostTolerance = 0.01m;

    [Property]
    public Property AddingStock_NeverServesFewer_NorRaisesTheCostOfTheSameChoice_BeyondOnePercent(RandomScenario scenario, NonNegativeInt pick, PositiveInt extra)
    {
        var input = scenario.Input;
        var offerings = input.Topology.Offerings;
        if (offerings.Count == 0) return true.ToProperty();
        var chosen = offerings[pick.Get % offerings.Count];
        var stocked = input with
        {
            Topology = input.Topology with
            {
                Offerings = offerings.Select(o => o.Id == chosen.Id ? o with { Stock = o.Stock + 1 + extra.Get % 50 } : o).ToArray(),
            },
        };
        var before = Planner.Plan(input);
        var after = Planner.Plan(stocked);
        var servedBefore = Served(before, input);
        var servedAfter = Served(after, stocked);
        var sameChoice = servedBefore == servedAfter && RankCores(before, input).SequenceEqual(RankCores(after, stocked));
        return (servedAfter >= servedBefore && (!sameChoice || after.CostPerHour <= before.CostPerHour * (1 + CostTolerance)))
            .Label($"{scenario}\n+stock on {chosen.Id}: served {servedBefore} -> {servedAfter}, cost {before.CostPerHour} -> {after.CostPerHour}");
    }

    /// <summary>Cores per (provider, worst health) — the preference classes — of a plan.</summary>
    private static int[] RankCores(Plan plan, PlanningInput input)
    {
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id);
        var zones = input.Topology.InternalZones.ToDictionary(z => z.Id);
        var cores = new int[4];
        foreach (var a in plan.Allocations)
        {
            var m = members[a.MemberZoneId];
            var degraded = m.Health == ZoneHealth.Degraded || zones[m.InternalZoneId].Health == ZoneHealth.Degraded;
            cores[(a.Provider == ProviderKind.Idc ? 1 : 0) + (degraded ? 2 : 0)] += a.Cores;
        }
        return cores;
    }
}
