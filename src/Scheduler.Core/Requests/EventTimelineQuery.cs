using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Requests;

/// <summary>Reads what one event's timeline is drawn from: the request, its plan, its resources, its trail and the health of its zones.</summary>
public sealed class EventTimelineQuery(
    RequestRepository requests, PlanRepository plans, ProvisioningRepository provisioning, AuditLog audit,
    ZoneHealthHistory health, TopologyRepository topology, TimeProvider clock)
{
    public async Task<EventTimeline> GetAsync(Guid requestId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var request = await requests.GetAsync(requestId, ct);
        var plan = await plans.GetCurrentAsync(requestId, ct);
        var resources = await provisioning.ListResourcesAsync(requestId, ct);
        var trail = await audit.ListAsync("CoreQuotaRequest", requestId.ToString(), ct);
        var lastRelease = resources.Count > 0 && resources.All(r => r.ReleasedAt is not null) ? resources.Max(r => r.ReleasedAt) : null;
        var (from, to) = EventTimeline.Axis(request, lastRelease, now);

        var zones = request.InternalZoneIds.Count > 0
            ? request.InternalZoneIds.ToHashSet()
            : (await topology.GetSnapshotAsync(ct)).InternalZones.Where(z => z.RegionId == request.RegionId).Select(z => z.Id).ToHashSet();
        var changes = (await health.ListAsync(from, to, ct)).Where(c => zones.Contains(c.InternalZoneId)).ToList();

        return new EventTimeline(from, to, now, request.State, request.PrewarmAt, request.WindowStart, request.WindowEnd,
            lastRelease, request.Cores, plan?.PlannedCores,
            EventTimeline.Cores(resources, now), EventTimeline.Cores(resources, now, running: true),
            EventTimeline.Commitments(trail, request.CommittedAmount, now), EventTimeline.Accrual(resources, now),
            EventTimeline.MilestonesOf(trail), changes);
    }
}
