using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Every plan explains its choices with the numbers behind them (issue 13).</summary>
public class PlannerReasonTests
{
    private static readonly Planner Planner = new();

    private static PlanReason[] Of(Plan plan, PlanReasonKind kind) => plan.Reasons.Where(r => r.Kind == kind).ToArray();

    [Fact]
    public void BeforeTheFirstStockRefresh_APlanSaysWhichStockItCouldNotCount()
    {
        var read = DemoBeijing.Input(ServiceTier.Stateless, cloudAllowed: true, cores: 2000, budget: 100_000m);
        var cloudUnread = read with { Topology = read.Topology with { Offerings = [.. read.Topology.Offerings.Where(o => o.Provider == ProviderKind.Idc)] } };
        var nothingRead = read with { Topology = read.Topology with { Offerings = [] } };
        var idcOnlyService = cloudUnread with { Request = cloudUnread.Request with { CloudAllowed = false } };

        Assert.Null(PlanningService.StockNotReadReason(read));
        Assert.Equal("Alibaba Cloud stock in cn-beijing has not been read yet (the first stock refresh after start-up is under way), so this plan does not count it.",
            PlanningService.StockNotReadReason(cloudUnread)?.Text);
        Assert.StartsWith("IDC and Alibaba Cloud stock in cn-beijing has not been read yet", PlanningService.StockNotReadReason(nothingRead)?.Text);
        // A service that may not use the cloud loses nothing by its stock being unread.
        Assert.Null(PlanningService.StockNotReadReason(idcOnlyService));
    }

    [Fact]
    public void NPlusOne_SaysHowManyCoresTheSpreadAdds()
    {
        // Three equal zones: 2,000 cores N+1 need 1,000 in each, 3,000 in all (+50%).
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c");
        foreach (var z in new[] { "a", "b", "c" }) scenario.Cloud(z, $"{z}-c8", 8, 1m, 1000);

        var plan = Planner.Plan(scenario.Input(2000));

        var spread = Assert.Single(Of(plan, PlanReasonKind.Spread));
        Assert.Equal("N+1: losing any one of the 3 internal zones used still leaves 2,000 cores; that adds 1,000 cores (3,000 planned for 2,000 served, +50%).", spread.Text);
    }

    [Fact]
    public void Stateless_SaysCloudFirst_AndTheIdcHeadroomKept()
    {
        var scenario = new Scenario().Zone("a").Zone("b");
        foreach (var z in new[] { "a", "b" }) scenario.Cloud(z, $"{z}-c8", 8, 2m, 100).Idc(z, $"{z}-h32", 32, 1m, 10);

        var plan = Planner.Plan(scenario.Input(400));

        Assert.Equal("Stateless service: cloud first — all 800 planned cores on cloud.", Assert.Single(Of(plan, PlanReasonKind.CloudFirst)).Text);
        // 20% of 10 hosts of 32 cores in each of two halls: 2 × 2 × 32.
        Assert.Contains("(128 cores) is left alone", Assert.Single(Of(plan, PlanReasonKind.IdcHeadroomKept)).Text);
    }

    [Fact]
    public void HotCache_SaysItStaysOnIdc_AndWhichCloudItMayNotUse()
    {
        var scenario = new Scenario().Zone("a").Zone("b");
        foreach (var z in new[] { "a", "b" }) scenario.Cloud(z, $"{z}-c8", 8, 0.5m, 100).Idc(z, $"{z}-h32", 32, 1m, 10);

        var plan = Planner.Plan(scenario.Input(64, ServiceTier.HotCache, cloudAllowed: false));

        var reasons = Of(plan, PlanReasonKind.HotCacheOnIdc);
        Assert.Equal("Hot-cache service: stays on IDC — all 128 planned cores on IDC.", reasons[0].Text);
        Assert.Equal("The service does not allow cloud: 1,600 cloud cores in stock are not used.", reasons[1].Text);
    }

    [Fact]
    public void DegradedAndDownZones_AreNamed()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c").Zone("d", ZoneHealth.Down)
            .Cloud("a", "a-c8", 8, 1m, 100).Cloud("b", "b-c8", 8, 1m, 100)
            .Cloud("c", "c-c8", 8, 0.5m, 100, member: ZoneHealth.Degraded).Cloud("d", "d-c8", 8, 0.5m, 100);

        var plan = Planner.Plan(scenario.Input(80));

        Assert.Equal("Degraded zone avoided: c-ali.", Assert.Single(Of(plan, PlanReasonKind.DegradedZones)).Text);
        Assert.Equal("Down, not used: d.", Assert.Single(Of(plan, PlanReasonKind.ZonesDown)).Text);
    }

    [Fact]
    public void StockoutFallback_NamesTheFamilyAndZoneSkipped()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c7", 8, 1m, 100).Cloud("a", "a-g7", 8, 1.5m, 100, family: "ecs.g7").Cloud("b", "b-c7", 8, 1m, 100);
        var input = scenario.Input(80) with { StockedOut = new HashSet<StockoutKey> { new(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7") } };

        var plan = Planner.Plan(input);

        Assert.Contains("ecs.c7 in a-ali", Assert.Single(Of(plan, PlanReasonKind.StockoutFallback)).Text);
        Assert.DoesNotContain(plan.Allocations, a => a.OfferingId == "a-c7");
    }

    [Fact]
    public void Stock_SaysWhichCoresAreConfirmed_AndWhichExpected()
    {
        var plan = Planner.Plan(DemoBeijing.Input(ServiceTier.Stateless, true, 20_000, 15_000m));

        Assert.True(plan.ConfirmedCores > 0 && plan.ExpectedCores > 0);
        Assert.Equal(plan.PlannedCores, plan.ConfirmedCores + plan.ExpectedCores);
        Assert.Equal(plan.Allocations.Where(a => a.Provider == ProviderKind.Idc).Sum(a => a.Cores), plan.ConfirmedCores);
        // Nothing learned in the demo: every cloud core rests on the nominal count assumed for its category.
        Assert.Equal(plan.ExpectedCores, plan.AssumedCores);
        Assert.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Stock: {plan.ConfirmedCores:N0} cores confirmed ({plan.ConfirmedCores:N0} on counted IDC hosts); {plan.ExpectedCores:N0} expected from reported stock"),
            Assert.Single(Of(plan, PlanReasonKind.StockConfidence)).Text);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{plan.ExpectedCores:N0} on the nominal count assumed for the category, nothing learned there yet"), Assert.Single(Of(plan, PlanReasonKind.StockConfidence)).Text);
    }

    [Fact]
    public void BudgetBound_SaysWhatTheBudgetChanged()
    {
        var traded = Planner.Plan(DemoBeijing.Input(ServiceTier.Stateless, true, 20_000, 15_000m));
        var cut = Planner.Plan(DemoBeijing.Input(ServiceTier.Stateless, true, 20_000, 3_000m));

        Assert.Contains("because the budget does not cover cloud alone", Assert.Single(Of(traded, PlanReasonKind.CloudFirst)).Text);
        Assert.Contains("cheaper, less preferred capacity serves all 20,000 cores", Assert.Single(Of(traded, PlanReasonKind.BudgetCut)).Text);
        Assert.Equal("Budget cut: 4,736 of 20,000 cores served within the 3,000.00 CNY left.", Assert.Single(Of(cut, PlanReasonKind.BudgetCut)).Text);
        Assert.Equal(cut.ShortfallReason, Assert.Single(Of(cut, PlanReasonKind.Shortfall)).Text);
    }
}
