using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Stock you can stand on (issue 13): reported cloud stock held to what fulfilments delivered, decaying back.</summary>
public class LearnedStockTests
{
    private static readonly DateTimeOffset T = Scenario.Start;

    [Fact]
    public void PartialFulfilment_CapsThatTypeInThatZone_AndNothingElse()
    {
        var learned = new LearnedStock(TimeSpan.FromHours(1));

        learned.Record("a-ali", "c8", requested: 100, delivered: 60, T);

        Assert.Equal(60, learned.CapAt("a-ali", "c8", T));
        Assert.Null(learned.CapAt("a-ali", "c32", T));
        Assert.Null(learned.CapAt("b-ali", "c8", T));
    }

    [Fact]
    public void FullFulfilment_RaisesACapItExceeds_AndLeavesUncappedTypesAlone()
    {
        var learned = new LearnedStock(TimeSpan.FromHours(1));
        learned.Record("a-ali", "c8", 100, 40, T);

        learned.Record("a-ali", "c8", 30, 30, T);
        Assert.Equal(40, learned.CapAt("a-ali", "c8", T));
        learned.Record("a-ali", "c8", 90, 90, T);
        Assert.Equal(90, learned.CapAt("a-ali", "c8", T));
        learned.Record("a-ali", "c32", 10, 10, T);
        Assert.Null(learned.CapAt("a-ali", "c32", T));
    }

    [Fact]
    public void Cap_DoublesEveryPeriod_AndIsForgottenAfterTwentyDoublings()
    {
        var learned = new LearnedStock(TimeSpan.FromHours(1));
        learned.Record("a-ali", "c8", 100, 0, T);

        Assert.Equal(0, learned.CapAt("a-ali", "c8", T));
        Assert.Equal(1, learned.CapAt("a-ali", "c8", T.AddHours(1)));
        Assert.Equal(7, learned.CapAt("a-ali", "c8", T.AddHours(3)));
        Assert.Null(learned.CapAt("a-ali", "c8", T.AddHours(20)));
    }

    [Fact]
    public void Apply_HoldsCloudStockToTheCap_ButNeverCountedIdcStock()
    {
        var learned = new LearnedStock(TimeSpan.FromHours(1));
        var topology = new Scenario().Zone("a").Zone("b")
            .Cloud("a", "a-c8", 8, 1m, 1000).Idc("a", "a-h32", 32, 1m, 50).Cloud("b", "b-c8", 8, 1m, 1000).Topology();
        learned.Record("a-ali", "a-c8", 100, 12, T);
        learned.Record("a-idc", "a-h32", 50, 3, T);

        var capped = learned.Apply(topology, T);

        var stock = capped.Offerings.ToDictionary(o => o.Id, o => o.Stock);
        Assert.Equal(12, stock["a-c8"]);
        Assert.Equal(50, stock["a-h32"]);
        Assert.Equal(1000, stock["b-c8"]);
    }

    [Fact]
    public void Planner_OnLearnedStock_PlansNoMoreThanTheZoneDelivered_AndSaysTheCoresAreExpected()
    {
        var learned = new LearnedStock(TimeSpan.FromHours(1));
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c");
        foreach (var z in new[] { "a", "b", "c" }) scenario.Cloud(z, $"{z}-c8", 8, 1m, 1000);
        var input = scenario.Input(800);
        learned.Record("a-ali", "a-c8", 100, 5, T);

        var naive = new Planner().Plan(input);
        var plan = new Planner().Plan(input with { Topology = learned.Apply(input.Topology, T) });

        Assert.True(naive.Allocations.Single(a => a.OfferingId == "a-c8").Units > 5);
        Assert.Equal(5, plan.Allocations.Single(a => a.OfferingId == "a-c8").Units);
        Assert.True(plan.IsComplete, plan.ShortfallReason);
        // The 5 units that zone delivered stand confirmed; the rest is expected, b and c on the assumed count.
        Assert.Equal(5 * 8, plan.ConfirmedCores);
        Assert.Equal(plan.PlannedCores - 40, plan.ExpectedCores);
        Assert.Equal(StockBasis.Learned, plan.Allocations.Single(a => a.OfferingId == "a-c8").StockBasis);
        Assert.Equal(plan.Allocations.Where(a => a.OfferingId != "a-c8").Sum(a => a.Cores), plan.AssumedCores);
    }
}
