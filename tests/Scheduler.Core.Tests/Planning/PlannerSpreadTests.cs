using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlannerSpreadTests
{
    private static readonly Planner Planner = new();

    private static Scenario ThreeEqualZones() => new Scenario().Zone("a").Zone("b").Zone("c")
        .Cloud("a", "a-c4", 4, 2m, 1000).Cloud("b", "b-c4", 4, 2m, 1000).Cloud("c", "c-c4", 4, 2m, 1000);

    [Fact]
    public void Plan_SpreadsSoThatLosingAnyZoneKeepsEveryRequestedCore_ByDefault()
    {
        var plan = Planner.Plan(ThreeEqualZones().Input(300));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        foreach (var zone in new[] { "a", "b", "c" })
            Assert.True(plan.PlannedCores - Scenario.CoresIn(plan, zone) >= 300, $"losing {zone} leaves too little");
        // N+1 over three zones needs about 1.5 N; whole 4-core units push it to 452, not more.
        Assert.Equal(452, plan.PlannedCores);
    }

    [Fact]
    public void Plan_KeepsOnlyTheStatedShare_WhenTheShareIsBelowOne()
    {
        var plan = Planner.Plan(ThreeEqualZones().Input(300, share: 0.5m));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.True(plan.PlannedCores >= 300);
        Assert.True(plan.PlannedCores < 310, $"over-provisioned to {plan.PlannedCores}");
        Assert.True(Scenario.SurvivingWorstZoneLoss(plan) >= 150);
    }

    [Fact]
    public void Plan_ReportsAConstraintShortfall_WhenOnlyOneZoneCanServe()
    {
        var scenario = new Scenario().Zone("a").Zone("b", ZoneHealth.Down)
            .Cloud("a", "a-c4", 4, 2m, 1000).Cloud("b", "b-c4", 4, 2m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.Equal(100, plan.ShortfallCores);
        Assert.True(plan.ShortfallCauses.HasFlag(ShortfallCause.Constraints));
        Assert.True(plan.ShortfallCauses.HasFlag(ShortfallCause.ZonesDown));
        Assert.Contains("b", plan.ShortfallReason);
    }

    [Fact]
    public void Plan_ConcentratesOnTwoCheapZones_WhenThatBeatsSpreadingIntoAnExpensiveOne()
    {
        // N+1 over a, b alone costs 2N cores at 1; over a, b, c it is 1.5N cores, a third of them at 10.
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c")
            .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("b", "b-c4", 4, 4m, 1000).Cloud("c", "c-c4", 4, 40m, 1000);

        var plan = Planner.Plan(scenario.Input(400));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(0, Scenario.CoresIn(plan, "c"));
        Assert.Equal(800, plan.PlannedCores);
    }

    [Fact]
    public void Plan_StaysInsideTheAllowedZones()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c")
            .Cloud("a", "a-c4", 4, 2m, 1000).Cloud("b", "b-c4", 4, 2m, 1000).Cloud("c", "c-c4", 4, 1m, 1000);

        var plan = Planner.Plan(scenario.Input(100, zones: ["a", "b"]));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(0, Scenario.CoresIn(plan, "c"));
    }

    [Theory]
    [InlineData(150, 50, ShortfallCause.Constraints)] // 200 cores exist, but N+1 over two zones of 100 serves only 100
    [InlineData(300, 200, ShortfallCause.Stock)]      // fewer cores exist than requested
    public void Plan_ServesAsMuchAsTheSpreadAllows_AndStatesWhatIsMissing(int cores, int shortfall, ShortfallCause cause)
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c4", 4, 2m, 25).Cloud("b", "b-c4", 4, 2m, 25);

        var plan = Planner.Plan(scenario.Input(cores));

        Assert.Equal(200, plan.PlannedCores);
        Assert.Equal(100, Scenario.SurvivingWorstZoneLoss(plan));
        Assert.Equal(shortfall, plan.ShortfallCores);
        Assert.True(plan.ShortfallCauses.HasFlag(cause), plan.ShortfallCauses.ToString());
    }
}
