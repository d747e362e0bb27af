using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class StockoutMemoryTests
{
    private static readonly DateTimeOffset T = Scenario.Start;

    [Fact]
    public void StockoutMemory_RemembersAFamilyInAZone_ForTheConfiguredTime()
    {
        var memory = new StockoutMemory(TimeSpan.FromMinutes(5));
        memory.Record(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T);

        Assert.True(memory.IsStockedOut(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T.AddMinutes(4)));
        Assert.False(memory.IsStockedOut(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T.AddMinutes(5)));
        Assert.False(memory.IsStockedOut(ProviderKind.AlibabaCloud, "a-ali", "ecs.g7", T.AddMinutes(1)));
        Assert.False(memory.IsStockedOut(ProviderKind.AlibabaCloud, "b-ali", "ecs.c7", T.AddMinutes(1)));
    }

    [Fact]
    public void StockoutMemory_KeepsTheLaterExpiry_WhenAnOlderFailureIsReportedLate()
    {
        var memory = new StockoutMemory(TimeSpan.FromMinutes(5));
        memory.Record(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T.AddMinutes(3));
        memory.Record(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T);

        Assert.Contains(new StockoutKey(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7"), memory.ActiveAt(T.AddMinutes(7)));
        Assert.Empty(memory.ActiveAt(T.AddMinutes(8)));
    }

    [Fact]
    public void Plan_SkipsARememberedStockout_AndFallsBackToTheNextFamily()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c7", 4, 2m, 1000, family: "ecs.c7").Cloud("a", "a-g7", 4, 3m, 1000, family: "ecs.g7")
            .Cloud("b", "b-c7", 4, 2m, 1000, family: "ecs.c7");
        var memory = new StockoutMemory(TimeSpan.FromMinutes(10));
        memory.Record(ProviderKind.AlibabaCloud, "a-ali", "ecs.c7", T);

        var plan = new Planner().Plan(scenario.Input(100) with { StockedOut = memory.ActiveAt(T.AddMinutes(1)) });

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.DoesNotContain(plan.Allocations, a => a.OfferingId == "a-c7");
        Assert.Contains(plan.Allocations, a => a.OfferingId == "a-g7");
    }

    [Fact]
    public void StockoutMemory_RefusesANonPositiveMemoryTime()
    {
        Assert.Throws<DomainValidationException>(() => new StockoutMemory(TimeSpan.Zero));
    }

    [Fact]
    public void Replan_AfterAStockout_SkipsTheWholeFamilyInThatMemberZone_ButNotElsewhere()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c7-4", 4, 2m, 1000, family: "ecs.c7").Cloud("a", "a-c7-8", 8, 4.2m, 1000, family: "ecs.c7")
            .Cloud("a", "a-g7-4", 4, 3m, 1000, family: "ecs.g7")
            .Cloud("b", "b-c7-4", 4, 2m, 1000, family: "ecs.c7");
        var input = scenario.Input(100);
        var planner = new Planner();
        var plan = planner.Plan(input);

        var replan = planner.Replan(new ReplanInput(input, plan, [], new OfferingStockedOut("a-c7-4")));

        Assert.Contains(plan.Allocations, a => a.OfferingId == "a-c7-4");
        Assert.DoesNotContain(replan.Plan.Allocations, a => a.OfferingId.StartsWith("a-c7"));
        Assert.Contains(replan.Added, a => a.OfferingId == "a-g7-4");
        Assert.Contains(replan.Plan.Allocations, a => a.OfferingId == "b-c7-4");
        Assert.True(replan.Plan.IsComplete, replan.Plan.ShortfallReason);
    }
}
