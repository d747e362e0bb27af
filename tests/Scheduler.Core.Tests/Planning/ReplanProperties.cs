using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;
using FsCheck;
using FsCheck.Xunit;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Re-planning after a zone loss, over random topologies: the change touches only the remainder.</summary>
[Properties(Arbitrary = [typeof(RandomScenarios)], MaxTest = 200)]
public class ReplanProperties
{
    private static readonly Planner Planner = new();

    [Property]
    public Property Replan_AfterAZoneLoss_KeepsEverythingElse_AndPlacesNothingInTheLostZone(RandomScenario scenario, PositiveInt pick)
    {
        var input = scenario.Input;
        var plan = Planner.Plan(input);
        var zones = input.Topology.InternalZones;
        var lostZone = zones[pick.Get % zones.Count].Id;

        var replan = Planner.Replan(new ReplanInput(input, plan, plan.Allocations, new InternalZoneWentDown(lostZone)));

        var offerings = input.Topology.Offerings.ToDictionary(o => o.Id);
        var kept = plan.Allocations.Where(a => a.InternalZoneId != lostZone).ToArray();
        var lostIsExact = replan.Lost.SequenceEqual(plan.Allocations.Where(a => a.InternalZoneId == lostZone));
        var keptAsIs = replan.Plan.Allocations.Take(kept.Length).SequenceEqual(kept)
            && replan.Plan.Allocations.Skip(kept.Length).SequenceEqual(replan.Added);
        // Everything ran already, so the stock the planner sees is what is left for the added part.
        var addedFits = replan.Added.All(a =>
            a.InternalZoneId != lostZone
            && replan.Added.Where(x => x.OfferingId == a.OfferingId).Sum(x => x.Units) <= offerings[a.OfferingId].Stock);
        var withinBudget = replan.Plan.EstimatedTotal <= input.BudgetLeft;
        var honest = replan.Plan.ShortfallCores == Planner.Shortfall(replan.Plan.Allocations, input.Request.Cores, input.Request.SurvivableShare);
        return (lostIsExact && keptAsIs && addedFits && withinBudget && honest && replan.Cancelled.Count == 0)
            .Label(scenario + $"\nlost {lostZone}\n=> {string.Join("\n", replan.Plan.Allocations)}");
    }
}
