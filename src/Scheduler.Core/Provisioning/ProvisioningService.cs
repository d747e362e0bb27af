using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// The pre-warm: turns a Scheduled request's plan into a provisioning order, sends its batches to
/// the providers and records what they made. Every step is written before the next is taken, so a
/// run killed at any line resumes from the tables: a batch re-sent carries the same idempotency key
/// and gets the same resources back. Stock-outs re-plan the remainder. Batches of different
/// (provider, member zone) lanes go out concurrently, up to <see cref="SchedulingOptions.MaxParallelBatches"/>.
/// The request turns Active when the plan is delivered (or no re-plan can add more; the shortfall is
/// on the timeline) and every resource is Running; while some still boot, the pre-warm schedules
/// itself again after <see cref="SchedulingOptions.BootPollInterval"/> instead of holding a worker.
/// </summary>
public sealed class ProvisioningService(
    Database db, RequestRepository requests, ServiceRepository services, BudgetRepository budgets, BudgetService budgetService,
    PlanRepository plans, ProvisioningRepository provisioning, PlanningService planning, Planner planner, BatchLauncher launcher,
    BootConfirmer confirmer, AuditLog audit, IJobScheduler jobs, LiveNotifier live, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    public async Task PrewarmAsync(Guid requestId, CancellationToken ct = default)
    {
        var request = await requests.GetAsync(requestId, ct);
        if (request.State == RequestState.Scheduled) await StartAsync(request, ct);
        request = await requests.GetAsync(requestId, ct);
        if (request.State != RequestState.Provisioning) return; // already done, cancelled or released: nothing twice

        var order = await provisioning.GetOrderAsync(requestId, ct)
            ?? throw new InvalidOperationException($"Request {requestId} is Provisioning without an order.");
        Plan plan;
        for (var replans = 0; ; replans++)
        {
            await LaunchPendingAsync(request, order, ct);

            plan = await plans.GetCurrentAsync(requestId, ct) ?? throw new InvalidOperationException($"Request {requestId} has no plan.");
            var running = Delivered(plan, await provisioning.ListResourcesAsync(requestId, ct));
            var missing = plan.PlannedCores - running.Sum(a => a.Cores);
            if (missing <= 0 || replans >= options.Value.MaxReplans) break;
            if (!await ReplanAsync(request, order, plan, running, ct)) break;
        }

        if (!await confirmer.AllRunningAsync(order, plan.PlannedCores, ct))
        {
            // Booting takes tens of seconds; come back rather than block a job worker meanwhile.
            jobs.SchedulePrewarm(requestId, clock.GetUtcNow() + options.Value.BootPollInterval);
            return;
        }
        await ActivateAsync(request, order, ct);
    }

    /// <summary>
    /// Sends every Pending or Sent batch: lanes of one (provider, member zone) run side by side, the
    /// batches of a lane in sequence. A lane that fails does not stop the others (their work is
    /// recorded); the first failure is rethrown afterwards so the job is retried, and the retry
    /// resumes from the tables.
    /// </summary>
    private async Task LaunchPendingAsync(CoreQuotaRequest request, ProvisioningOrder order, CancellationToken ct)
    {
        var lanes = (await provisioning.ListBatchesAsync(order.Id, ct))
            .Where(b => b.State is BatchState.Pending or BatchState.Sent)
            .GroupBy(b => (b.Provider, b.MemberZoneId))
            .Select(g => g.OrderBy(b => b.Sequence).ToList())
            .ToList();
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelBatches, CancellationToken = ct };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) =>
        {
            try
            {
                foreach (var batch in lane) await launcher.LaunchAsync(request, order, batch, token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                failures.Enqueue(ExceptionDispatchInfo.Capture(e));
            }
        });
        if (failures.TryDequeue(out var first)) first.Throw();
    }

    private async Task StartAsync(CoreQuotaRequest request, CancellationToken ct)
    {
        var plan = await plans.GetCurrentAsync(request.Id, ct) ?? throw new InvalidOperationException($"Request {request.Id} has no plan.");
        var message = $"Pre-warm started: {plan.PlannedCores:N0} cores in {plan.Allocations.Count} allocation(s).";
        var started = await db.InTransactionAsync(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            if (locked.State != RequestState.Scheduled) return false; // a twin run started it
            var before = locked.State.ToString();
            var now = clock.GetUtcNow();
            locked.StartProvisioning(now);
            var order = new ProvisioningOrder(Guid.NewGuid(), locked.Id, plan.Id, ProvisioningOrderState.Running, now, null);
            await provisioning.InsertOrderAsync(order, c, tx);
            await provisioning.InsertBatchesAsync(Batches(order.Id, 1, plan.Allocations, now), c, tx);
            await requests.UpdateAsync(locked, c, tx);
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            await audit.AppendAsync(c, tx, "scheduler", Entity, locked.Id.ToString(), "Start provisioning", new { State = before }, new { State = locked.State.ToString() });
            return true;
        }, ct);
        if (started) live.Publish(new RequestProgressed(request.Id, RequestState.Provisioning, 0, plan.PlannedCores, message, clock.GetUtcNow()));
    }

    /// <summary>Plans the undelivered remainder (stock-outs are remembered, so it falls through to other offerings).</summary>
    private async Task<bool> ReplanAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan current, IReadOnlyList<Allocation> running, CancellationToken ct)
    {
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        var failed = current.Allocations.First(a => running.Where(r => r.OfferingId == a.OfferingId).Sum(r => r.Units) < a.Units);
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var replan = planner.Replan(new ReplanInput(input, current, running, new OfferingStockedOut(failed.OfferingId)));
        if (replan.Added.Count == 0) return false;

        var next = (await provisioning.ListBatchesAsync(order.Id, ct)).Max(b => b.Sequence) + 1;
        var message = $"Re-planned after a stock-out of {failed.InstanceType} in {failed.MemberZoneId}: {replan.Added.Sum(a => a.Cores):N0} cores elsewhere.";
        await db.InTransactionAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            var delta = replan.Plan.EstimatedTotal - locked.CommittedAmount;
            if (delta > 0) await budgetService.CommitAsync(locked.BudgetId, delta, "scheduler", c, tx);
            await plans.InsertAsync(replan.Plan, c, tx);
            await provisioning.UpdateOrderAsync(order with { PlanId = replan.Plan.Id }, c, tx);
            await provisioning.InsertBatchesAsync(Batches(order.Id, next, replan.Added, now), c, tx);
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            if (delta > 0)
            {
                locked.RaiseCommitment(delta, now);
                await requests.UpdateAsync(locked, c, tx);
            }
        }, ct);
        live.Publish(new RequestProgressed(request.Id, RequestState.Provisioning, await provisioning.HeldCoresAsync(request.Id, ct),
            replan.Plan.PlannedCores, message, clock.GetUtcNow()));
        return true;
    }

    private async Task ActivateAsync(CoreQuotaRequest request, ProvisioningOrder order, CancellationToken ct)
    {
        var plan = await plans.GetCurrentAsync(request.Id, ct);
        var delivered = await provisioning.HeldCoresAsync(request.Id, ct);
        var activated = await db.InTransactionAsync(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            if (locked.State != RequestState.Provisioning) return ((CoreQuotaRequest, string)?)null;
            var now = clock.GetUtcNow();
            locked.Activate(now);
            await requests.UpdateAsync(locked, c, tx);
            await provisioning.UpdateOrderAsync(order with { State = ProvisioningOrderState.Completed, CompletedAt = now }, c, tx);
            var message = delivered >= locked.Cores
                ? $"Active: {delivered:N0} cores running."
                : $"Active but short: {delivered:N0} of {locked.Cores:N0} cores running; no stock found for the rest.";
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            await audit.AppendAsync(c, tx, "scheduler", Entity, locked.Id.ToString(), "Activate",
                new { State = nameof(RequestState.Provisioning) }, new { State = locked.State.ToString(), DeliveredCores = delivered, PlannedCores = plan?.PlannedCores });
            return (locked, message);
        }, ct);
        if (activated is not { } done) return;
        var (active, said) = done;
        jobs.ScheduleRelease(active.Id, active.WindowEnd + options.Value.ReleaseGrace);
        live.Publish(new RequestProgressed(active.Id, RequestState.Active, delivered, plan?.PlannedCores ?? delivered, said, active.UpdatedAt));
    }

    /// <summary>
    /// For failover: the batches that deliver <paramref name="allocations"/> (a re-plan's added part),
    /// numbered from <paramref name="firstSequence"/> and sized like the pre-warm's own.
    /// </summary>
    public IReadOnlyList<ProvisioningBatch> BatchesFor(Guid orderId, int firstSequence, IEnumerable<Allocation> allocations, DateTimeOffset now) =>
        Batches(orderId, firstSequence, allocations, now).ToList();

    /// <summary>
    /// For failover: sends the order's open batches (Pending, or Sent and not yet recorded) that
    /// <paramref name="include"/> selects, whatever the request's state, so an Active request gets its
    /// replacement through the same launcher, idempotency keys and timeline.
    /// </summary>
    public async Task LaunchOpenBatchesAsync(Guid requestId, Func<ProvisioningBatch, bool> include, CancellationToken ct = default)
    {
        var request = await requests.GetAsync(requestId, ct);
        var order = await provisioning.GetOrderAsync(requestId, ct)
            ?? throw new InvalidOperationException($"Request {requestId} has no provisioning order.");
        foreach (var batch in (await provisioning.ListBatchesAsync(order.Id, ct)).Where(b => b.State is BatchState.Pending or BatchState.Sent && include(b)))
            await launcher.LaunchAsync(request, order, batch, ct);
    }

    private IEnumerable<ProvisioningBatch> Batches(Guid orderId, int firstSequence, IEnumerable<Allocation> allocations, DateTimeOffset now)
    {
        var size = options.Value.MaxUnitsPerBatch;
        var sequence = firstSequence;
        foreach (var a in allocations)
            for (var done = 0; done < a.Units; done += size)
                yield return new ProvisioningBatch(Guid.NewGuid(), orderId, sequence++, a.Provider, a.MemberZoneId, a.OfferingId,
                    a.InstanceType, Math.Min(size, a.Units - done), 0, BatchState.Pending, 0, null, now);
    }

    /// <summary>What of the plan runs: resources grouped back into allocations.</summary>
    internal static IReadOnlyList<Allocation> Delivered(Plan plan, IReadOnlyList<Resource> resources)
    {
        // A re-planned plan may hold one offering twice (the kept part and the added part).
        var zoneOf = plan.Allocations.GroupBy(a => a.OfferingId).ToDictionary(g => g.Key, g => g.First().InternalZoneId);
        return resources.Where(r => r.State != ResourceState.Released)
            .GroupBy(r => r.OfferingId)
            .Select(g =>
            {
                var first = g.First();
                return new Allocation(zoneOf.GetValueOrDefault(g.Key, ""), first.MemberZoneId, first.Provider, g.Key, first.InstanceType, g.Count(), g.Sum(r => r.Cores),
                    g.Sum(r => r.PricePerHour));
            })
            .ToList();
    }
}
