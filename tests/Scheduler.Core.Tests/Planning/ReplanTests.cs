using CapacityConsole.Scheduler.Planning;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class ReplanTests
{
    private static readonly Planner Planner = new();

    /// <summary>Four zones, each with a cheap c7 family and a dearer g7 family in its cloud zone.</summary>
    private static PlanningInput FourZones()
    {
        var scenario = new Scenario();
        foreach (var z in new[] { "a", "b", "c", "d" })
            scenario.Zone(z)
                .Cloud(z, $"{z}-c7", 4, 2m, 1000, family: "ecs.c7")
                .Cloud(z, $"{z}-g7", 4, 3m, 1000, family: "ecs.g7");
        return scenario.Input(300);
    }

    private static void AssertSurvivesAnyZoneLoss(Plan plan, int cores)
    {
        Assert.True(plan.IsComplete, plan.ShortfallReason);
        Assert.True(Scenario.SurvivingWorstZoneLoss(plan) >= cores);
    }

    [Fact]
    public void Replan_AfterAStockout_KeepsWhatRuns_AndFallsBackToTheNextOfferingInTheSamePass()
    {
        var input = FourZones();
        var plan = Planner.Plan(input);
        var running = plan.Allocations.Where(a => a.InternalZoneId == "a").ToArray();

        var replan = Planner.Replan(new ReplanInput(input, plan, running, new OfferingStockedOut("b-c7")));

        Assert.Equal(["b-c7"], replan.Cancelled.Select(a => a.OfferingId));
        Assert.Empty(replan.Lost);
        Assert.DoesNotContain(replan.Added, a => a.OfferingId == "b-c7");
        Assert.NotEmpty(replan.Added);
        Assert.All(plan.Allocations.Where(a => a.OfferingId != "b-c7"), kept => Assert.Contains(kept, replan.Plan.Allocations));
        AssertSurvivesAnyZoneLoss(replan.Plan, 300);
    }

    [Fact]
    public void Replan_AfterAnInternalZoneGoesDown_ReportsWhatRanThereAsLost_AndPlansAroundIt()
    {
        var input = FourZones();
        var plan = Planner.Plan(input);

        var replan = Planner.Replan(new ReplanInput(input, plan, plan.Allocations, new InternalZoneWentDown("a")));

        Assert.Equal(plan.Allocations.Where(a => a.InternalZoneId == "a"), replan.Lost);
        Assert.Empty(replan.Cancelled);
        Assert.Equal(0, Scenario.CoresIn(replan.Plan, "a"));
        Assert.All(replan.Added, a => Assert.NotEqual("a", a.InternalZoneId));
        AssertSurvivesAnyZoneLoss(replan.Plan, 300);
    }

    [Fact]
    public void Replan_AfterAMemberZoneGoesDown_CancelsWhatWasPlannedThere()
    {
        var input = FourZones();
        var plan = Planner.Plan(input);

        var replan = Planner.Replan(new ReplanInput(input, plan, [], new MemberZoneWentDown("c-ali")));

        Assert.Equal(plan.Allocations.Where(a => a.MemberZoneId == "c-ali"), replan.Cancelled);
        Assert.DoesNotContain(replan.Plan.Allocations, a => a.MemberZoneId == "c-ali");
        AssertSurvivesAnyZoneLoss(replan.Plan, 300);
    }

    [Fact]
    public void Replan_AfterAPartialBatch_KeepsTheDeliveredUnits_AndPlansOnlyTheRest()
    {
        var input = FourZones();
        var plan = Planner.Plan(input);
        var batch = plan.Allocations.Single(a => a.OfferingId == "b-c7");

        var replan = Planner.Replan(new ReplanInput(input, plan, [], new BatchPartiallyFulfilled("b-c7", 3)));

        var kept = Assert.Single(replan.Plan.Allocations, a => a.OfferingId == "b-c7");
        Assert.Equal(3, kept.Units);
        Assert.Equal(batch.Units - 3, Assert.Single(replan.Cancelled).Units);
        Assert.DoesNotContain(replan.Added, a => a.OfferingId == "b-c7");
        Assert.Equal(replan.Plan.PlannedCores, replan.Plan.Allocations.Except(replan.Added).Sum(a => a.Cores) + replan.Added.Sum(a => a.Cores));
        AssertSurvivesAnyZoneLoss(replan.Plan, 300);
    }

    [Fact]
    public void Replan_ChangesNothing_WhenTheStockoutIsOfAnOfferingThePlanDoesNotUse()
    {
        var input = FourZones();
        var plan = Planner.Plan(input);
        Assert.DoesNotContain(plan.Allocations, a => a.OfferingId == "d-g7");

        var replan = Planner.Replan(new ReplanInput(input, plan, [], new OfferingStockedOut("d-g7")));

        Assert.Empty(replan.Added);
        Assert.Empty(replan.Cancelled);
        Assert.Equal(plan.Allocations, replan.Plan.Allocations);
        Assert.Equal(plan.EstimatedTotal, replan.Plan.EstimatedTotal);
    }
}
