using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Gathers what the pure <see cref="Planner"/> reads (topology with health and stock, the budget
/// left, remembered stock-outs) and asks it for a plan. Used for previews and at approval.
/// </summary>
public sealed class PlanningService(
    IPlanner planner, TopologyRepository topology, StockoutMemory stockouts, IOptions<PlannerOptions> options,
    IOptions<SchedulingOptions> scheduling, TimeProvider clock, LearnedStock? learned = null)
{
    public async Task<Plan> PlanAsync(CoreQuotaRequest request, Service service, Budget budget, CancellationToken ct = default)
    {
        var input = await InputAsync(request, service, budget.Available, ct);
        var plan = planner.Plan(input);
        // First: it qualifies every other reason (and the shortfall's stays the last, where the plan table points).
        return StockNotReadReason(input) is { } unread ? plan with { Reasons = [unread, .. plan.Reasons] } : plan;
    }

    /// <summary>
    /// Right after start-up, before the first stock refresh, a provider's member zones have no
    /// offerings: the plan is made without them (IDC only, say), and the reader is told so instead of
    /// taking it for all the region can give.
    /// </summary>
    internal static PlanReason? StockNotReadReason(PlanningInput input)
    {
        var region = input.Request.RegionId;
        var zones = input.Topology.InternalZones.Where(z => z.RegionId == region).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var stocked = input.Topology.Offerings.Select(o => o.MemberZoneId).ToHashSet(StringComparer.Ordinal);
        var unread = input.Topology.MemberZones.Where(m => zones.Contains(m.InternalZoneId))
            .Where(m => m.Provider == ProviderKind.Idc || input.Request.CloudAllowed)
            .GroupBy(m => m.Provider).Where(g => g.All(m => !stocked.Contains(m.Id))).Select(g => g.Key).Order().ToList();
        if (unread.Count == 0) return null;
        var names = string.Join(" and ", unread.Select(p => p == ProviderKind.Idc ? "IDC" : "Alibaba Cloud"));
        return new PlanReason(PlanReasonKind.StockNotRead,
            $"{names} stock in {region} has not been read yet (the first stock refresh after start-up is under way), so this plan does not count it.");
    }

    /// <summary>What the planner reads for this request now, with <paramref name="budgetLeft"/> CNY to spend.</summary>
    public async Task<PlanningInput> InputAsync(CoreQuotaRequest request, Service service, decimal budgetLeft, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Reported cloud stock is held to what recent fulfilments delivered (issue 13: stock you can stand on).
        var read = await topology.GetSnapshotAsync(ct);
        var snapshot = learned?.Apply(read, now) ?? read;
        EnsureZonesExist(request, snapshot);
        var planning = PlanningRequest.From(request, service, scheduling.Value.ReleaseGrace);
        EnsureSomeOfferingMeetsMinUnit(planning, request, service, snapshot);
        return new PlanningInput(Guid.NewGuid(), planning, snapshot, budgetLeft, now)
        {
            StockedOut = stockouts.ActiveAt(now),
            Options = options.Value,
        };
    }

    /// <summary>
    /// A minimum unit size (the request's or its service's) that no offering of the allowed zones
    /// meets leaves nothing to plan: bad input, named by field (issue 13), not an empty plan.
    /// </summary>
    private static void EnsureSomeOfferingMeetsMinUnit(PlanningRequest planning, CoreQuotaRequest request, Service service, TopologySnapshot snapshot)
    {
        var min = planning.MinCoresPerUnit;
        if (min <= 0) return;
        var zones = snapshot.InternalZones.Where(z => z.RegionId == planning.RegionId
                && (planning.AllowedInternalZoneIds.Count == 0 || planning.AllowedInternalZoneIds.Contains(z.Id)))
            .Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var members = snapshot.MemberZones.Where(m => zones.Contains(m.InternalZoneId)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var largest = snapshot.Offerings.Where(o => members.Contains(o.MemberZoneId)).Select(o => o.CoresPerUnit).DefaultIfEmpty(0).Max();
        if (largest >= min) return;
        var whose = request.MinCoresPerUnit >= service.MinCoresPerUnit ? "this request's" : $"service '{service.Name}''s";
        throw new DomainValidationException(nameof(request.MinCoresPerUnit),
            $"No offering in {planning.RegionId} meets {whose} minimum of {min} cores per unit; the largest has {largest}.");
    }

    /// <summary>Unknown regions and zones are bad input, named by field, before anything is planned.</summary>
    private static void EnsureZonesExist(CoreQuotaRequest request, TopologySnapshot snapshot)
    {
        if (snapshot.Regions.All(r => r.Id != request.RegionId))
            throw new DomainValidationException(nameof(request.RegionId), $"There is no region '{request.RegionId}'.");
        var unknown = request.InternalZoneIds
            .Where(z => snapshot.InternalZones.All(iz => iz.Id != z || iz.RegionId != request.RegionId)).ToList();
        if (unknown.Count > 0)
            throw new DomainValidationException(nameof(request.InternalZoneIds),
                $"Not an internal zone of {request.RegionId}: {string.Join(", ", unknown)}.");
    }
}
