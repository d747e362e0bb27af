using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// The confirm phase of a pre-warm. "Ready by T1" means usable at T1, and an ECS instance is usable
/// only once Running (spec §3.12: Pending → Starting → Running), so a resource is recorded Pending at
/// creation and moves to Running when its provider lists it so. It asks per batch (every unit carries
/// its batch tag). Lanes of one (provider, member zone) are asked side by side, like the launches,
/// <see cref="SchedulingOptions.MaxParallelBootPolls"/> batches at a time in all; within a lane the
/// oldest batches first, stopping after the first few with one still booting: later batches of the lane were created later and boot no sooner,
/// so asking about them now would only spend API quota. (Issue 15: with DescribeInstances taking about
/// a second, one batch after another across all lanes made the confirm phase trail the boots by a
/// minute at 125 batches.)
/// </summary>
public sealed class BootConfirmer(
    Database db, ProvisioningRepository provisioning, ProviderRegistry providers, ResourceRelease release, LiveNotifier live,
    IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private const string Running = "Running";

    /// <summary>
    /// True when every live resource of the request (of those <paramref name="which"/> picks, by default all)
    /// is Running. <paramref name="state"/> is the request's state for the live updates it publishes.
    /// </summary>
    public async Task<bool> AllRunningAsync(
        ProvisioningOrder order, int plannedCores, CancellationToken ct, Func<Resource, bool>? which = null, RequestState state = RequestState.Provisioning)
    {
        var booting = (await provisioning.ListResourcesAsync(order.RequestId, ct))
            .Where(r => r.State == ResourceState.Pending && (which is null || which(r))).ToList();
        if (booting.Count == 0) return true;
        var sequence = (await provisioning.ListBatchesAsync(order.Id, ct)).ToDictionary(b => b.Id, b => b.Sequence);
        int SequenceOf(Guid? batch) => batch is { } id ? sequence.GetValueOrDefault(id) : 0;

        var lanes = booting.GroupBy(r => (r.Provider, r.MemberZoneId))
            .Select(lane => lane.GroupBy(r => r.BatchId)
                .OrderBy(g => g.Min(r => r.CreatedAt))
                .ThenBy(g => SequenceOf(g.Key))
                .ToList())
            .ToList();
        var allRunning = true;
        var polls = options.Value.MaxParallelBootPolls;
        var perLane = Math.Max(1, polls / lanes.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, polls / perLane), CancellationToken = ct };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) =>
        {
            // The oldest few at once; a few asked about in vain at the end of a lane are the price of not waiting for each.
            foreach (var oldest in lane.Chunk(perLane))
            {
                var up = await Task.WhenAll(oldest.Select(batch =>
                    ConfirmBatchAsync(order, state, batch.Key, SequenceOf(batch.Key), batch.ToList(), plannedCores, token)));
                if (up.All(u => u)) continue;
                Volatile.Write(ref allRunning, false);
                return;
            }
        });
        return allRunning;
    }

    /// <summary>
    /// Asks the provider about one batch's Pending resources and records those it lists Running.
    /// The launcher calls it once right after recording a batch, so units usable at once (IDC hosts)
    /// are Running without waiting for a poll, whichever path launched them (pre-warm or failover).
    /// </summary>
    public async Task<bool> ConfirmBatchAsync(
        ProvisioningOrder order, RequestState state, Guid? batchId, int sequence, IReadOnlyList<Resource> booting, int plannedCores, CancellationToken ct)
    {
        if (booting.Count == 0) return true;
        var first = booting[0]; // the batch's units share provider, zone and type; the list is not empty (checked above)
        // Without a batch (none is recorded so today) there is no tag to ask by: the row alone says it exists.
        var running = batchId is { } id
            ? (await providers.For(first.Provider).ListByOwnerTagAsync(OwnerTags.Batch, id.ToString("D"), ct))
                .Where(u => u.Status == Running).Select(u => u.Id).ToHashSet(StringComparer.Ordinal)
            : booting.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var up = booting.Where(r => running.Contains(r.Id)).Select(r => r.Id).ToList();
        if (up.Count > 0) await RecordRunningAsync(order, state, first, up, sequence, plannedCores, ct);
        return up.Count == booting.Count;
    }

    private async Task RecordRunningAsync(
        ProvisioningOrder order, RequestState state, Resource sample, IReadOnlyList<string> ids, int sequence, int plannedCores, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var message = $"Batch {sequence}: {ids.Count} × {sample.InstanceType} Running in {sample.MemberZoneId}.";
        await db.InTransactionAsync(async (c, tx) =>
        {
            await provisioning.MarkRunningAsync(ids, now, c, tx);
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
        }, ct);
        live.Publish(new RequestProgressed(order.RequestId, state, await provisioning.HeldCoresAsync(order.RequestId, ct),
            plannedCores, message, now));
    }

    /// <summary>
    /// Units still Pending <see cref="SchedulingOptions.BootTimeout"/> after they were made will not serve
    /// the event: they are released (one line on the timeline with the count) and their cores become
    /// missing, so the pre-warm's re-plan replaces them elsewhere. Returns the cores released.
    /// </summary>
    public async Task<int> ReleaseOverdueAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan plan, CancellationToken ct)
    {
        var timeout = options.Value.BootTimeout;
        var now = clock.GetUtcNow();
        var overdue = (await provisioning.ListResourcesAsync(request.Id, ct))
            .Where(r => r.State == ResourceState.Pending && now - r.CreatedAt >= timeout).ToList();
        if (overdue.Count == 0) return 0;
        var outcome = await release.ReleaseAsync(request.Id, order.Id, overdue,
            $"(not Running within the boot timeout of {timeout.TotalMinutes:0.#} min; to be replaced)", "scheduler", "Release units that did not boot", null, ct);
        if (outcome.CoresReleased > 0)
            live.Publish(new RequestProgressed(request.Id, request.State, await provisioning.HeldCoresAsync(request.Id, ct), plan.PlannedCores,
                $"{outcome.UnitsReleased} unit(s) did not boot within {timeout.TotalMinutes:0.#} min and were released; replacing them.", now));
        return outcome.CoresReleased;
    }
}
