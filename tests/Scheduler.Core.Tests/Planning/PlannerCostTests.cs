using CapacityConsole.Scheduler.Planning;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlannerCostTests
{
    private static readonly Planner Planner = new();

    [Fact]
    public void Plan_PicksTheCheapestCostPerCore_NotTheCheapestUnit()
    {
        // 32 cores for 16 is 0.50 a core; 96 cores for 40 is about 0.42 a core.
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c");
        foreach (var z in new[] { "a", "b", "c" })
            scenario.Cloud(z, $"{z}-c32", 32, 16m, 100).Cloud(z, $"{z}-c96", 96, 40m, 100);

        var plan = Planner.Plan(scenario.Input(960));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.All(plan.Allocations, a => Assert.EndsWith("-c96", a.OfferingId));
    }

    [Fact]
    public void Plan_NeverUsesAnOfferingWithAnUnknownPrice()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-free", 4, null, 1000).Cloud("a", "a-c4", 4, 4m, 1000)
            .Cloud("b", "b-free", 4, null, 1000).Cloud("b", "b-c4", 4, 4m, 1000);

        var plan = Planner.Plan(scenario.Input(100));

        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.DoesNotContain(plan.Allocations, a => a.OfferingId.EndsWith("-free"));
    }

    [Fact]
    public void Plan_NeverExceedsTheBudget_AndSaysTheBudgetIsTheCause()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("b", "b-c4", 4, 4m, 1000);
        // Serving 100 cores N+1 over two zones takes 200 cores: 200 CNY an hour, 2,000 over 10 hours.
        var full = Planner.Plan(scenario.Input(100, budget: 2000m));
        var tight = Planner.Plan(scenario.Input(100, budget: 1000m));

        Assert.True(full.IsComplete, full.ShortfallReason);
        Assert.Equal(2000m, full.EstimatedTotal);
        Assert.True(tight.EstimatedTotal <= 1000m);
        Assert.Equal(ShortfallCause.Budget, tight.ShortfallCauses);
        Assert.Equal(52, tight.ShortfallCores); // 48 cores fit, spread 48 + 48 = 960 CNY
        Assert.Contains("budget", tight.ShortfallReason);
    }

    [Fact]
    public void Plan_EstimatesTheWindowTotal_RoundedToTheFen()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c32", 32, 1.333m, 10).Cloud("b", "b-c32", 32, 1.333m, 10);

        var plan = Planner.Plan(scenario.Input(32, hours: 2.5));

        Assert.Equal(2.666m, plan.CostPerHour);
        Assert.Equal(6.67m, plan.EstimatedTotal); // 6.665 rounds away from zero
    }

    [Fact]
    public void Plan_IsDeterministic_AndBreaksTiesByOrdinalId()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-y", 4, 4m, 10).Cloud("a", "a-x", 4, 4m, 10)
            .Cloud("b", "b-y", 4, 4m, 10).Cloud("b", "b-x", 4, 4m, 10);
        var input = scenario.Input(20);
        var reversed = input with { Topology = input.Topology with { Offerings = input.Topology.Offerings.Reverse().ToArray() } };

        var first = Planner.Plan(input);
        var second = Planner.Plan(reversed);

        Assert.Equal(first.Allocations, second.Allocations);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(["a-x", "b-x"], first.Allocations.Select(a => a.OfferingId));
    }
}
