using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlannerHealthTests
{
    private static readonly Planner Planner = new();

    [Fact]
    public void Plan_GivesNothingToADownInternalZone_EvenWhenItIsCheapest()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c", ZoneHealth.Down)
            .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("b", "b-c4", 4, 4m, 1000).Cloud("c", "c-c4", 4, 1m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(0, Scenario.CoresIn(plan, "c"));
    }

    [Fact]
    public void Plan_GivesNothingToADownMemberZone_ButUsesTheRestOfItsInternalZone()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c4", 4, 1m, 1000, member: ZoneHealth.Down).Idc("a", "a-h4", 4, 4m, 1000)
            .Cloud("b", "b-c4", 4, 1m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.DoesNotContain(plan.Allocations, a => a.MemberZoneId == "a-ali");
        Assert.Contains(plan.Allocations, a => a.MemberZoneId == "a-idc");
    }

    [Fact]
    public void Plan_AvoidsADegradedZone_WhenHealthyOnesCanServe()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c", ZoneHealth.Degraded)
            .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("b", "b-c4", 4, 4m, 1000).Cloud("c", "c-c4", 4, 1m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(0, Scenario.CoresIn(plan, "c"));
    }

    [Fact]
    public void Plan_UsesADegradedZone_WhenHealthyOnesCannotServe()
    {
        // One healthy zone cannot survive its own loss: the degraded one must carry the spare share.
        var scenario = new Scenario().Zone("a").Zone("c", ZoneHealth.Degraded)
            .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("c", "c-c4", 4, 4m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.Equal(100, Scenario.CoresIn(plan, "c"));
    }
}
