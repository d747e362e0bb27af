using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>
/// Budget-bound plans serve the most cores the budget can buy (issue 13): the three cases an
/// independent integer program measured against the preview, on the demo's Beijing region.
/// </summary>
public class PlannerBudgetTests
{
    private static readonly Planner Planner = new();

    [Fact]
    public void Stateless_ServesEveryCore_ByMixingIdcWithCloud_WhenCloudAloneCostsMoreThanTheBudget()
    {
        var input = DemoBeijing.Input(ServiceTier.Stateless, true, 20_000, 15_000m);

        var plan = Planner.Plan(input);

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.True(plan.EstimatedTotal <= 15_000m);
        Assert.Contains(plan.Allocations, a => a.Provider == ProviderKind.Idc);
        Assert.Contains(plan.Allocations, a => a.Provider == ProviderKind.AlibabaCloud);
        Assert.Equal(20_000, Scenario.SurvivingWorstZoneLoss(plan) >= 20_000 ? 20_000 : Scenario.SurvivingWorstZoneLoss(plan));
    }

    [Fact]
    public void Stateless_WithASmallBudget_ServesTheExactOptimum_AndSaysTheBudgetBinds()
    {
        var plan = Planner.Plan(DemoBeijing.Input(ServiceTier.Stateless, true, 20_000, 3_000m));

        Assert.Equal(4_736, Planner.ServedCores(plan.Allocations, 20_000, 1m));
        Assert.True(plan.EstimatedTotal <= 3_000m);
        Assert.Equal(ShortfallCause.Budget, plan.ShortfallCauses);
        Assert.Contains("3,000.00 CNY and buys 4,736 cores", plan.ShortfallReason);
    }

    [Fact]
    public void HotCache_WithCloudAllowed_ServesTheExactOptimum_WithinTheBudget()
    {
        var plan = Planner.Plan(DemoBeijing.Input(ServiceTier.HotCache, true, 60_000, 15_000m));

        Assert.Equal(23_782, Planner.ServedCores(plan.Allocations, 60_000, 1m));
        Assert.True(plan.EstimatedTotal <= 15_000m);
    }
}
