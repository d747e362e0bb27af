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
    /// More stock never serves fewer cores. Its cost is not a property here: "more stock never raises
    /// the cost" holds for the exact optimum only, and the planner's cap searches and whole-unit polish
    /// land in local optima that more stock elsewhere can shift (a random run found 82.40 -> 90.96 per
    /// hour for 217 hot-cache cores). How far the planner's cost is from the optimum is measured by the
    /// exact-solver quality run instead (docs/benchmarks.md).
    /// </summary>
    [Property]
    public Property AddingStock_NeverServesFewerCores(RandomScenario scenario, NonNegativeInt pick, PositiveInt extra)
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
        var servedBefore = Served(Planner.Plan(input), input);
        var servedAfter = Served(Planner.Plan(stocked), stocked);
        return (servedAfter >= servedBefore)
            .Label($"{scenario}\n+stock on {chosen.Id}: served {servedBefore} -> {servedAfter}");
    }
}
