using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// The zone-loss what-if query (brief §9). Reads only: for each internal zone the request may use,
/// the planner's failover re-plan is computed as if that zone went Down now, and nothing is stored.
/// A request without a stored plan (not yet approved) is judged on the plan its preview would get.
/// </summary>
public sealed class ZoneLossWhatIf(
    RequestRepository requests, ServiceRepository services, BudgetRepository budgets, PlanRepository plans,
    ProvisioningRepository provisioning, PlanningService planning, IPlanner planner)
{
    public async Task<ZoneLossReport> GetAsync(Guid requestId, CancellationToken ct = default)
    {
        var request = await requests.GetAsync(requestId, ct);
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        // An approved request may spend its commitment plus what the budget has left; one not yet approved, what is left.
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var plan = await plans.GetCurrentAsync(requestId, ct) ?? planner.Plan(input);
        var running = request.State is RequestState.Provisioning or RequestState.Active
            ? ProvisioningService.Delivered(plan, await provisioning.ListResourcesAsync(requestId, ct))
            : [];

        var allowed = input.Request.AllowedInternalZoneIds;
        var zones = input.Topology.InternalZones
            .Where(z => z.RegionId == request.RegionId && (allowed.Count == 0 || allowed.Contains(z.Id)) && z.Health != ZoneHealth.Down);
        var survivable = (int)Math.Ceiling(request.SurvivableShare * request.Cores);
        var scenarios = zones.Select(z => Scenario(z, input, plan, running, survivable, request.Cores)).ToList();
        return new ZoneLossReport(request.Id, request.State, request.Cores, survivable, plan.PlannedCores, plan.CostPerHour,
            plan.EstimatedTotal, scenarios);
    }

    private ZoneLossScenario Scenario(InternalZone zone, PlanningInput input, Plan plan, IReadOnlyList<Allocation> running, int survivable, int requested)
    {
        var lost = plan.Allocations.Where(a => a.InternalZoneId == zone.Id).Sum(a => a.Cores);
        var surviving = plan.PlannedCores - lost;
        var replan = planner.Replan(new ReplanInput(input, plan, running, new InternalZoneWentDown(zone.Id)));
        return new ZoneLossScenario(zone.Id, zone.Name, zone.Health, lost, surviving,
            KeepsRequestedCores: surviving >= requested,
            KeepsSurvivableShare: surviving >= survivable,
            CoresAdded: replan.Added.Sum(a => a.Cores),
            AddedCostPerHour: replan.Added.Sum(a => a.CostPerHour),
            EstimatedTotalAfter: replan.Plan.EstimatedTotal,
            ExtraCost: replan.Plan.EstimatedTotal - plan.EstimatedTotal,
            replan.Plan.ShortfallCores,
            replan.Plan.ShortfallReason);
    }
}
