using System.Globalization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>
/// Stock you can stand on (issue 13): which planned cores are confirmed (counted IDC stock, cloud
/// within what recent batches delivered) and which expected (counted on a reported category), and a
/// learned cap that replaces the nominal category count and decays back to it as the clock moves.
/// </summary>
public class StockConfidenceTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly TimeSpan Doubling = TimeSpan.FromHours(1);

    /// <summary>Three zones, each with 4 IDC hosts of 32 cores (counted) and an ECS type of 8 cores (reported WithStock, 1,000 assumed).</summary>
    private static Scenario Mixed()
    {
        var scenario = new Scenario().Zone("a").Zone("b").Zone("c");
        foreach (var z in new[] { "a", "b", "c" })
            scenario.Idc(z, $"{z}-h32", 32, 0.5m, 4).Cloud(z, $"{z}-c8", 8, 1m, 1000);
        return scenario;
    }

    [Fact]
    public void ReportedCategoryCores_AreExpected_AndCountedIdcCores_Confirmed()
    {
        var plan = new Planner().Plan(Mixed().Input(600, ServiceTier.HotCache, cloudAllowed: true));

        var idc = plan.Allocations.Where(a => a.Provider == ProviderKind.Idc).ToList();
        var cloud = plan.Allocations.Where(a => a.Provider != ProviderKind.Idc).ToList();
        Assert.NotEmpty(idc);
        Assert.NotEmpty(cloud);
        Assert.All(idc, a => Assert.Equal((StockBasis.Counted, a.Cores), (a.StockBasis, a.ConfirmedCores)));
        Assert.All(cloud, a => Assert.Equal((StockBasis.Assumed, 0), (a.StockBasis, a.ConfirmedCores)));
        var (confirmed, expected) = (idc.Sum(a => a.Cores), cloud.Sum(a => a.Cores));
        Assert.Equal((confirmed, expected, expected), (plan.ConfirmedCores, plan.ExpectedCores, plan.AssumedCores));
        Assert.Equal(string.Format(C, "{0:N0} confirmed · {1:N0} expected from reported stock ({1:N0} on an assumed count, nothing learned yet)",
            confirmed, expected), plan.StockSummary);
    }

    [Fact]
    public void ACloudOfferingMarkedCounted_IsConfirmed_WhateverItsProvider()
    {
        // The port's stock kind decides, not the provider: a counted cloud offering stands like an IDC host.
        var input = Mixed().Input(600);
        input = input with { Topology = input.Topology with
        {
            Offerings = input.Topology.Offerings.Select(o => o.Id == "a-c8" ? o with { StockKind = StockKind.Counted } : o).ToArray(),
        } };

        var plan = new Planner().Plan(input);

        var counted = plan.Allocations.Single(a => a.OfferingId == "a-c8");
        Assert.Equal((StockBasis.Counted, counted.Cores), (counted.StockBasis, counted.ConfirmedCores));
        Assert.All(plan.Allocations.Where(a => a.OfferingId is "b-c8" or "c-c8"), a => Assert.Equal(0, a.ConfirmedCores));
    }

    [Fact]
    public void RecentDelivery_ConfirmsThatManyCloudUnits_UntilItIsOld_AndAStockOutTakesItBack()
    {
        var clock = new FakeTimeProvider(Scenario.Start);
        var learned = new LearnedStock(Doubling, confirmedFor: TimeSpan.FromMinutes(30));
        var input = Mixed().Input(2400);
        learned.Record("a-ali", "a-c8", requested: 10, delivered: 10, clock.GetUtcNow());

        Plan PlanNow() => new Planner().Plan(input with { Topology = learned.Apply(input.Topology, clock.GetUtcNow()) });

        var fresh = PlanNow().Allocations.Single(a => a.OfferingId == "a-c8");
        Assert.True(fresh.Units > 10);
        Assert.Equal(10 * 8, fresh.ConfirmedCores);
        // A full fulfilment with no cap known teaches no cap: the count is still the assumption.
        Assert.Equal(StockBasis.Assumed, fresh.StockBasis);

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(0, PlanNow().Allocations.Single(a => a.OfferingId == "a-c8").ConfirmedCores);

        learned.Record("b-ali", "b-c8", 10, 10, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        learned.Record("b-ali", "b-c8", 5, 0, clock.GetUtcNow());
        Assert.DoesNotContain(PlanNow().Allocations, a => a.OfferingId == "b-c8" && a.ConfirmedCores > 0);
    }

    [Fact]
    public void LearnedCap_ReplacesTheNominalCount_AndDecaysBackToIt_AsTheClockMoves()
    {
        var clock = new FakeTimeProvider(Scenario.Start);
        var learned = new LearnedStock(Doubling);
        var topology = Mixed().Topology();
        learned.Record("a-ali", "a-c8", requested: 100, delivered: 12, clock.GetUtcNow());

        Offering Now() => learned.Apply(topology, clock.GetUtcNow()).Offerings.Single(o => o.Id == "a-c8");

        Assert.Equal((12, true), (Now().Stock, Now().StockLearned));
        clock.Advance(Doubling);
        Assert.Equal((25, true), (Now().Stock, Now().StockLearned));
        clock.Advance(Doubling * 5);
        Assert.Equal((13 * 64 - 1, true), (Now().Stock, Now().StockLearned));
        // One more doubling passes the 1,000 assumed for WithStock: the cap has decayed, the assumption is back.
        clock.Advance(Doubling);
        Assert.Equal((1000, false), (Now().Stock, Now().StockLearned));
        Assert.Equal(1000, learned.Apply(topology, clock.GetUtcNow()).Offerings.Single(o => o.Id == "b-c8").Stock);
    }

    [Fact]
    public void PlanOnALearnedCap_SaysItRestsOnWhatFulfilmentsTaught()
    {
        var learned = new LearnedStock(Doubling);
        var input = Mixed().Input(2400);
        learned.Record("a-ali", "a-c8", requested: 100, delivered: 40, Scenario.Start);

        var plan = new Planner().Plan(input with { Topology = learned.Apply(input.Topology, Scenario.Start) });

        var a = plan.Allocations.Single(x => x.OfferingId == "a-c8");
        Assert.Equal((StockBasis.Learned, 40, 40 * 8), (a.StockBasis, a.Units, a.ConfirmedCores));
        var reason = Assert.Single(plan.Reasons, r => r.Kind == PlanReasonKind.StockConfidence).Text;
        Assert.Contains(string.Format(C, "{0:N0} cloud within what recent fulfilments delivered there", 320), reason);
        Assert.Contains("on the nominal count assumed for the category, nothing learned there yet", reason);
    }

    [Fact]
    public void FullFulfilmentAboveTheAssumption_Stands_AndACategoryThatSellsNothing_StaysEmpty()
    {
        var learned = new LearnedStock(Doubling);
        var scenario = new Scenario().Zone("a").Cloud("a", "a-low", 8, 1m, 10).Cloud("a", "a-none", 8, 1m, 0);
        learned.Record("a-ali", "a-low", 20, 5, Scenario.Start);
        learned.Record("a-ali", "a-low", 40, 40, Scenario.Start);
        learned.Record("a-ali", "a-none", 100, 50, Scenario.Start);

        var offerings = learned.Apply(scenario.Topology(), Scenario.Start).Offerings.ToDictionary(o => o.Id);

        Assert.Equal((40, true), (offerings["a-low"].Stock, offerings["a-low"].StockLearned));
        Assert.Equal((0, 0), (offerings["a-none"].Stock, offerings["a-none"].ConfirmedUnits));
    }
}
