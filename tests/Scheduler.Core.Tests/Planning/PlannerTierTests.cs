using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlannerTierTests
{
    private static readonly Planner Planner = new();

    /// <summary>Three zones where cloud is half the price of IDC, so only the tier rule keeps hot cache on IDC.</summary>
    private static Scenario CheapCloud(int idcUnits) => new Scenario()
        .Zone("a").Zone("b").Zone("c")
        .Idc("a", "a-h96", 96, 48m, idcUnits).Idc("b", "b-h96", 96, 48m, idcUnits).Idc("c", "c-h96", 96, 48m, idcUnits)
        .Cloud("a", "a-c32", 32, 8m, 100).Cloud("b", "b-c32", 32, 8m, 100).Cloud("c", "c-c32", 32, 8m, 100);

    [Fact]
    public void Plan_PutsHotCacheOnIdcFirst()
    {
        var plan = Planner.Plan(CheapCloud(idcUnits: 10).Input(960, ServiceTier.HotCache, cloudAllowed: true));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.All(plan.Allocations, a => Assert.Equal(ProviderKind.Idc, a.Provider));
        Assert.True(Scenario.SurvivingWorstZoneLoss(plan) >= 960);
    }

    [Fact]
    public void Plan_SpillsHotCacheToCloud_OnlyOnceIdcIsExhausted()
    {
        var plan = Planner.Plan(CheapCloud(idcUnits: 2).Input(960, ServiceTier.HotCache, cloudAllowed: true));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(6 * 96, plan.Allocations.Where(a => a.Provider == ProviderKind.Idc).Sum(a => a.Cores));
        Assert.Contains(plan.Allocations, a => a.Provider == ProviderKind.AlibabaCloud);
    }

    [Fact]
    public void Plan_KeepsHotCacheOffCloud_WhenTheServiceDisallowsIt_AndReportsTheShortfall()
    {
        var plan = Planner.Plan(CheapCloud(idcUnits: 2).Input(960, ServiceTier.HotCache, cloudAllowed: false));

        Assert.All(plan.Allocations, a => Assert.Equal(ProviderKind.Idc, a.Provider));
        Assert.False(plan.IsComplete);
        Assert.True(plan.ShortfallCauses.HasFlag(ShortfallCause.Stock));
        Assert.Contains("does not allow cloud", plan.ShortfallReason);
    }

    [Fact]
    public void Plan_BurstsStatelessToCloudFirst_EvenWhenIdcIsCheaper()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c")
            .Idc("a", "a-h96", 96, 24m, 10).Idc("b", "b-h96", 96, 24m, 10).Idc("c", "c-h96", 96, 24m, 10)
            .Cloud("a", "a-c32", 32, 16m, 10).Cloud("b", "b-c32", 32, 16m, 10).Cloud("c", "c-c32", 32, 16m, 10);

        var plan = Planner.Plan(scenario.Input(300, ServiceTier.Stateless));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.All(plan.Allocations, a => Assert.Equal(ProviderKind.AlibabaCloud, a.Provider));
    }

    [Fact]
    public void Plan_KeepsIdcHeadroomForHotCache_WhenStatelessFallsBackToIdc()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c")
            .Idc("a", "a-h96", 96, 24m, 10).Idc("b", "b-h96", 96, 24m, 10).Idc("c", "c-h96", 96, 24m, 10);

        var plan = Planner.Plan(scenario.Input(3000, ServiceTier.Stateless));

        // 20% of 10 units stays free for hot cache: at most 8 units of each host class.
        Assert.All(plan.Allocations, a => Assert.True(a.Units <= 8, $"{a.OfferingId} took {a.Units} units"));
        Assert.Equal(3 * 8 * 96, plan.PlannedCores);
        Assert.False(plan.IsComplete);
    }

    [Fact]
    public void Plan_LetsStatelessUseAllIdc_WhenHeadroomIsZero()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c")
            .Idc("a", "a-h96", 96, 24m, 10).Idc("b", "b-h96", 96, 24m, 10).Idc("c", "c-h96", 96, 24m, 10);
        var input = scenario.Input(3000, ServiceTier.Stateless) with { Options = new PlannerOptions { IdcHeadroomForHotCache = 0m } };

        var plan = Planner.Plan(input);

        Assert.Equal(3 * 10 * 96, plan.PlannedCores);
    }
}
