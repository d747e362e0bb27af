using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// Carries out failover for requests with work in Down zones, in the order issue 6 asks: re-plan,
/// provision the replacement first (new batches on the request's order, through the executor), and
/// only once no replacement batch is still open and the replacement runs, release what is left in the Down zone. Nothing in a
/// healthy zone is released. Every step is read back from the tables, so a pass stopped anywhere
/// (a throttled provider, a crash) is finished by the next one (the reconciler runs it every minute),
/// and a pass with nothing left to do changes nothing.
/// </summary>
public sealed class FailoverExecutor(
    RequestRepository requests, PlanRepository plans, ProvisioningRepository provisioning, ProvisioningService provisioningService,
    BootConfirmer boot, FailoverReplanner replanner, FailoverRelease release, TopologyRepository topology, LiveNotifier live, TimeProvider clock,
    IOptions<SchedulingOptions> scheduling, ILogger<FailoverExecutor> logger)
{
    private static readonly RequestState[] Affectable = [RequestState.Provisioning, RequestState.Active];

    /// <summary>Fails over every Provisioning or Active request that still has work in a Down zone.</summary>
    public async Task<IReadOnlyList<RequestFailover>> FailOverAllAsync(string actor, CancellationToken ct = default)
    {
        var snapshot = await topology.GetSnapshotAsync(ct);
        var down = DownZones.MemberZoneIds(snapshot);
        if (down.Count == 0) return [];
        var results = new List<RequestFailover>();
        foreach (var request in await requests.ListInStatesAsync(Affectable, ct))
            if (await FailOverAsync(request, snapshot, down, actor, ct) is { } done) results.Add(done);
        return results;
    }

    /// <summary>One request; null when it has nothing in a Down zone.</summary>
    private async Task<RequestFailover?> FailOverAsync(
        CoreQuotaRequest request, TopologySnapshot snapshot, IReadOnlySet<string> down, string actor, CancellationToken ct)
    {
        var current = await plans.GetCurrentAsync(request.Id, ct);
        if (current is null) return null;
        var resources = await provisioning.ListResourcesAsync(request.Id, ct);
        var lostCores = resources.Where(r => r.IsLive && down.Contains(r.MemberZoneId)).Sum(r => r.Cores);
        var planUsesDown = current.Allocations.Any(a => down.Contains(a.MemberZoneId));
        var order = await provisioning.GetOrderAsync(request.Id, ct);
        // A batch still open in a Down zone is unfinished failover work too: its units, if any, are unrecorded.
        var openInDown = order is not null &&
            (await provisioning.ListBatchesAsync(order.Id, ct)).Any(b => b.IsOpen && down.Contains(b.MemberZoneId));
        if (!planUsesDown && lostCores == 0 && !openInDown) return null;

        var summary = new RequestFailover(request.Id, request.ServiceId, request.State, lostCores, 0, 0, 0m,
            current.ShortfallCores, current.ShortfallReason, Replanned: false, ReplacementInPlace: false, BatchesClosed: 0, CoresReleased: 0, Problem: null);
        if (order is null) return summary with { Problem = "The request has no provisioning order." };
        if (planUsesDown)
        {
            if (ChangeFor(current, snapshot, down) is not { } change)
                return summary with { Problem = "The plan's Down member zone is not in the topology." };
            try
            {
                var replan = await replanner.ComputeAsync(request, current, resources, change, ct);
                if (await replanner.StoreAsync(request, order, current, replan, down, Label(change), actor, ct))
                    summary = summary with
                    {
                        CoresLost = replan.Lost.Sum(a => a.Cores),
                        CoresCancelled = replan.Cancelled.Sum(a => a.Cores),
                        CoresAdded = replan.Added.Sum(a => a.Cores),
                        AddedCostPerHour = replan.Added.Sum(a => a.CostPerHour),
                        ShortfallCores = replan.Plan.ShortfallCores,
                        ShortfallReason = replan.Plan.ShortfallReason,
                        Replanned = true,
                    };
            }
            catch (ConflictException e)
            {
                // E.g. the budget was taken by another approval between reading and committing: next pass.
                logger.LogWarning("Failover re-plan of request {RequestId} was refused: {Message}", request.Id, e.Message);
                return summary with { Problem = e.Message };
            }
        }

        try
        {
            // Only the replacement (and the plan's other open work): a batch still open in the Down zone is
            // not sent again, it is closed below, once the replacement is in place.
            await provisioningService.LaunchOpenBatchesAsync(await requests.GetAsync(request.Id, ct), order, b => !down.Contains(b.MemberZoneId), ct);
        }
        catch (ProviderException e)
        {
            logger.LogWarning("Failover of request {RequestId} could not finish provisioning ({Failure}); the reconciler resumes it: {Message}",
                request.Id, e.Failure, e.Message);
            return await PublishAsync(summary with { Problem = $"{e.Failure}: {e.Message}" }, current, ct);
        }

        try
        {
            if (await ReplanStockedOutReplacementAsync(request.Id, order, down, actor, ct) is { } problem)
                return await PublishAsync(summary with { Problem = problem }, current, ct);
        }
        catch (ConflictException e)
        {
            return await PublishAsync(summary with { Problem = e.Message }, current, ct);
        }

        var batches = await provisioning.ListBatchesAsync(order.Id, ct);
        if (batches.Any(b => b.IsOpen && !down.Contains(b.MemberZoneId)))
            return await PublishAsync(summary with { Problem = "The replacement is still being provisioned." }, current, ct);
        // A replacement is in place only once it is usable: an ECS instance boots for a while after it is made.
        // Until then the lost units stay; the reconciler's next pass asks again.
        try
        {
            if (!await boot.AllRunningAsync(order, current.PlannedCores, ct, r => !down.Contains(r.MemberZoneId), request.State))
                return await PublishAsync(summary with { Problem = "The replacement is still booting." }, current, ct);
        }
        catch (ProviderException e)
        {
            return await PublishAsync(summary with { Problem = $"{e.Failure} while checking the replacement boots: {e.Message}" }, current, ct);
        }

        var closed = await release.CloseOpenBatchesAsync(request.Id, order.Id, batches, down, ct);
        summary = summary with
        {
            ReplacementInPlace = true,
            BatchesClosed = closed,
            CoresReleased = await release.ReleaseLostAsync(request.Id, order.Id, down, actor, ct),
        };
        return await PublishAsync(summary, await plans.GetCurrentAsync(request.Id, ct) ?? current, ct);
    }

    /// <summary>
    /// A replacement that stocked out is re-planned again (the stock-out is remembered, so the planner
    /// falls through to the next offering or zone) and sent, until it is delivered or the zones run out
    /// (the plan then says what it is short of). Returns a problem to report, or null.
    /// </summary>
    private async Task<string?> ReplanStockedOutReplacementAsync(
        Guid requestId, ProvisioningOrder order, IReadOnlySet<string> down, string actor, CancellationToken ct)
    {
        for (var attempt = 0; attempt < scheduling.Value.MaxReplans; attempt++)
        {
            if ((await provisioning.ListBatchesAsync(order.Id, ct)).Any(b => b.IsOpen && !down.Contains(b.MemberZoneId))) return null;
            var request = await requests.GetAsync(requestId, ct);
            var plan = await plans.GetCurrentAsync(requestId, ct);
            if (plan is null) return null;
            var resources = await provisioning.ListResourcesAsync(requestId, ct);
            var healthy = ProvisioningService.Delivered(plan, resources.Where(r => !down.Contains(r.MemberZoneId)).ToList());
            if (Undelivered.Of(plan, healthy) is not [var worst, ..]) return null;
            var replan = await replanner.ComputeAsync(request, plan, resources, new OfferingStockedOut(worst.Sample.OfferingId), ct);
            if (replan.Added.Count == 0) return null; // the zones ran out: the plan's shortfall says so
            if (!await replanner.StoreReplacementAsync(request, order, plan, replan, worst.Sample, actor, ct)) return null;
            try
            {
                await provisioningService.LaunchOpenBatchesAsync(await requests.GetAsync(requestId, ct), order, b => !down.Contains(b.MemberZoneId), ct);
            }
            catch (ProviderException e)
            {
                return $"{e.Failure}: {e.Message}";
            }
        }
        return null;
    }

    private async Task<RequestFailover> PublishAsync(RequestFailover summary, Plan plan, CancellationToken ct)
    {
        var delivered = await provisioning.HeldCoresAsync(summary.RequestId, ct);
        var message = summary.Problem is null
            ? $"Failover: {summary.CoresAdded:N0} cores re-planned, {summary.CoresReleased:N0} lost cores released."
            : $"Failover in progress: {summary.Problem}";
        live.Publish(new RequestProgressed(summary.RequestId, summary.State, delivered, plan.PlannedCores, message, clock.GetUtcNow()));
        return summary;
    }

    /// <summary>
    /// The planner's change for the Down zone the plan uses: the plan's first line in a Down member zone
    /// (plan order, so every pass picks the same one), as the whole internal zone when that is Down, else
    /// the member zone. Null when no line is in a Down zone or that zone is missing from the topology.
    /// </summary>
    private static PlanChange? ChangeFor(Plan plan, TopologySnapshot snapshot, IReadOnlySet<string> down)
    {
        var member = plan.Allocations.Select(a => a.MemberZoneId).FirstOrDefault(down.Contains);
        var internalZoneId = snapshot.MemberZones.FirstOrDefault(m => m.Id == member)?.InternalZoneId;
        if (member is null || internalZoneId is null) return null;
        return snapshot.InternalZones.Any(z => z.Id == internalZoneId && z.Health == ZoneHealth.Down)
            ? new InternalZoneWentDown(internalZoneId)
            : new MemberZoneWentDown(member);
    }

    private static string Label(PlanChange change) => change switch
    {
        InternalZoneWentDown z => $"internal zone {z.InternalZoneId}",
        MemberZoneWentDown m => $"member zone {m.MemberZoneId}",
        _ => "a zone",
    };
}
