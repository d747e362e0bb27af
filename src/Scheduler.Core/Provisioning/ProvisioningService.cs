using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// The pre-warm: turns a Scheduled request's plan into a provisioning order, sends its batches to
/// the providers and records what they made. Every step is written before the next is taken, so a
/// run killed at any line resumes from the tables: a batch re-sent carries the same idempotency key
/// and gets the same resources back. Stock-outs re-plan the remainder (through <see cref="OrderRevision"/>).
/// Batches of different (provider, member zone) lanes go out concurrently, up to
/// <see cref="SchedulingOptions.MaxParallelBatches"/>. The request turns Active when every resource is
/// Running and the plan is delivered or no re-plan can add more (the shortfall is on the timeline);
/// it turns Failed, giving back what it holds, when nothing at all could be delivered. While some units
/// still boot, the pre-warm schedules itself again after <see cref="SchedulingOptions.BootPollInterval"/>
/// instead of holding a worker.
/// </summary>
public sealed class ProvisioningService(
    Database db, RequestRepository requests, ServiceRepository services, BudgetRepository budgets,
    PlanRepository plans, ProvisioningRepository provisioning, PlanningService planning, IPlanner planner, BatchLauncher launcher,
    BootConfirmer confirmer, OrderRevision revision, PrewarmFailure failure, WorkHeartbeat heartbeat, CapacityShortfall shortfalls, AuditLog audit, IJobScheduler jobs,
    LiveNotifier live, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    public async Task PrewarmAsync(Guid requestId, CancellationToken ct = default)
    {
        var request = await requests.GetAsync(requestId, ct);
        if (request.State == RequestState.Scheduled) await StartAsync(request, ct);
        request = await requests.GetAsync(requestId, ct);
        if (request.State != RequestState.Provisioning) return; // already done, cancelled or released: nothing twice
        await heartbeat.TouchAsync(requestId, clock.GetUtcNow(), ct);

        var order = await provisioning.GetOrderAsync(requestId, ct)
            ?? throw new ProvisioningInconsistencyException($"Request {requestId} is Provisioning without an order.");
        var plan = await CurrentPlanAsync(request, ct);
        string? giveUp = null;
        for (var replans = 0; ; replans++)
        {
            await LaunchPendingAsync(request, order, plan, ct);
            await confirmer.ReleaseOverdueAsync(request, order, plan, ct);

            plan = await CurrentPlanAsync(request, ct);
            var running = Delivered(plan, await provisioning.ListResourcesAsync(requestId, ct));
            var missing = plan.PlannedCores - running.Sum(a => a.Cores);
            if (missing <= 0) break;
            if (replans >= options.Value.MaxReplans) { giveUp = $"{missing:N0} cores missing after {replans} re-plans."; break; }
            var outcome = await ReplanAsync(request, order, plan, running, ct);
            if (outcome.Replanned) { plan = await CurrentPlanAsync(request, ct); continue; }
            giveUp = outcome.Reason;
            break;
        }

        // A pre-warm that delivered nothing and cannot re-plan fails loudly and gives back what it holds.
        if (giveUp is not null && await provisioning.HeldCoresAsync(requestId, ct) == 0)
        {
            await failure.FailAsync(request, order, giveUp, ct);
            return;
        }

        if (!await confirmer.AllRunningAsync(order, plan.PlannedCores, ct))
        {
            // Booting takes tens of seconds; come back rather than block a job worker meanwhile. Only the
            // run that books the re-check schedules it: a duplicate run (the reconciler's) ends here.
            var now = clock.GetUtcNow();
            var next = now + options.Value.BootPollInterval;
            if (await heartbeat.TryBookPollAsync(requestId, now, next, ct)) jobs.SchedulePrewarm(requestId, next);
            return;
        }
        await ActivateAsync(request, order, giveUp, ct);
    }

    private async Task<Plan> CurrentPlanAsync(CoreQuotaRequest request, CancellationToken ct) =>
        await plans.GetCurrentAsync(request.Id, ct) ?? throw new ProvisioningInconsistencyException($"Request {request.Id} has no plan.");

    /// <summary>
    /// Sends every open batch whose offering the current plan still holds: lanes of one (provider,
    /// member zone) run side by side, the batches of a lane in sequence, up to
    /// <see cref="SchedulingOptions.MaxSendsPerLane"/> of them in flight (each batch's first look at its
    /// boot overlapping the next sends). A batch the plan no longer
    /// holds (a failover re-planned away from its Down zone) is left to the failover, which closes it.
    /// A lane that fails does not stop the others (their work is recorded); the first failure is
    /// rethrown afterwards so the job is retried, and the retry resumes from the tables.
    /// </summary>
    private async Task LaunchPendingAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan plan, CancellationToken ct)
    {
        var offerings = plan.Allocations.Select(a => a.OfferingId).ToHashSet(StringComparer.Ordinal);
        var lanes = (await provisioning.ListBatchesAsync(order.Id, ct))
            .Where(b => b.IsOpen && offerings.Contains(b.OfferingId))
            .GroupBy(b => (b.Provider, b.MemberZoneId))
            .Select(g => g.OrderBy(b => b.Sequence).ToList())
            .ToList();
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        var settings = options.Value;
        // Sends in flight across all lanes, whatever each lane may have.
        using var slots = new SemaphoreSlim(settings.MaxParallelBatches);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelBatches, CancellationToken = ct };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) =>
        {
            // Up to MaxSendsPerLane of a lane's batches in flight, in sequence order; each send returns its
            // first boot look already under way. A failed send stops the lane's later sends, as before.
            var sends = new List<Task<Task>>();
            var inFlight = new List<Task<Task>>();
            foreach (var batch in lane)
            {
                if (inFlight.Count >= settings.MaxSendsPerLane)
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    if (!done.IsCompletedSuccessfully) break;
                }
                var send = SendInSlotAsync(batch, token);
                sends.Add(send);
                inFlight.Add(send);
            }
            foreach (var send in sends)
            {
                try
                {
                    await await send;
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    failures.Enqueue(ExceptionDispatchInfo.Capture(e));
                }
            }
        });

        async Task<Task> SendInSlotAsync(ProvisioningBatch batch, CancellationToken token)
        {
            await slots.WaitAsync(token);
            try
            {
                return await launcher.SendAsync(request, order, plan, batch, token);
            }
            finally
            {
                slots.Release();
            }
        }
        if (failures.TryDequeue(out var first)) first.Throw();
    }

    private async Task StartAsync(CoreQuotaRequest request, CancellationToken ct)
    {
        var plan = await CurrentPlanAsync(request, ct);
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
            await provisioning.InsertBatchesAsync(revision.BatchesFor(order.Id, 1, plan.Allocations, now), c, tx);
            await requests.UpdateAsync(locked, c, tx);
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            await audit.AppendAsync(c, tx, "scheduler", Entity, locked.Id.ToString(), "Start provisioning", new { State = before }, new { State = locked.State.ToString() });
            return true;
        }, ct);
        if (started) live.Publish(new RequestProgressed(request.Id, RequestState.Provisioning, 0, plan.PlannedCores, message, clock.GetUtcNow()));
    }

    private sealed record ReplanOutcome(bool Replanned, string? Reason);

    /// <summary>
    /// Plans the undelivered remainder. The offering to re-plan around is the one short of the most
    /// cores (<see cref="Undelivered"/>); other stock-outs are remembered already, so the planner falls
    /// through to other offerings. When no offering is short, or the planner adds nothing, or the budget
    /// cannot take the extra cost, it says why instead of throwing.
    /// </summary>
    private async Task<ReplanOutcome> ReplanAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan current, IReadOnlyList<Allocation> running, CancellationToken ct)
    {
        var short_ = Undelivered.Of(current, running);
        if (short_.Count == 0) return new(false, "No offering of the plan is short; nothing to re-plan.");
        var failed = short_[0].Sample;
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var replan = planner.Replan(new ReplanInput(input, current, running, new OfferingStockedOut(failed.OfferingId)));
        if (replan.Added.Count == 0)
            return new(false, $"No stock left for {short_.Sum(s => s.MissingCores):N0} missing cores after a stock-out of {failed.InstanceType} in {failed.MemberZoneId}"
                + (replan.Plan.ShortfallReason is { } why ? $": {why}" : "."));

        var message = $"Re-planned after a stock-out of {failed.InstanceType} in {failed.MemberZoneId}: {replan.Added.Sum(a => a.Cores):N0} cores elsewhere.";
        Plan? stored;
        try
        {
            stored = await revision.ApplyAsync(request, order, current, replan, new RevisionCause(message, "Re-plan after stock-out", "scheduler"), ct);
        }
        catch (ConflictException e)
        {
            return new(false, $"The budget cannot take the re-plan: {e.Message}");
        }
        // null: a concurrent revision stored a newer plan; the loop reads it and goes on.
        if (stored is not null)
            live.Publish(new RequestProgressed(request.Id, RequestState.Provisioning, await provisioning.HeldCoresAsync(request.Id, ct),
                stored.PlannedCores, message, clock.GetUtcNow()));
        return new(true, null);
    }

    private async Task ActivateAsync(CoreQuotaRequest request, ProvisioningOrder order, string? shortBecause, CancellationToken ct)
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
            await provisioning.UpdateOrderAsync(order.After(OrderAction.Complete, now), c, tx);
            var message = delivered >= locked.Cores
                ? $"Active: {delivered:N0} cores running."
                : $"Active but short {locked.Cores - delivered:N0} cores: {delivered:N0} of {locked.Cores:N0} running; {shortBecause ?? "no stock found for the rest."}";
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            await audit.AppendAsync(c, tx, "scheduler", Entity, locked.Id.ToString(), "Activate",
                new { State = nameof(RequestState.Provisioning) }, new { State = locked.State.ToString(), DeliveredCores = delivered, PlannedCores = plan?.PlannedCores });
            return (locked, message);
        }, ct);
        if (activated is not { } done) return;
        var (active, said) = done;
        if (delivered < active.Cores)
            await shortfalls.SetAsync(active.Id, new Shortfall(active.Cores - delivered, shortBecause ?? "no stock found for the rest."), ct);
        jobs.ScheduleRelease(active.Id, active.WindowEnd + options.Value.ReleaseGrace);
        live.Publish(new RequestProgressed(active.Id, RequestState.Active, delivered, plan?.PlannedCores ?? delivered, said, active.UpdatedAt));
    }

    /// <summary>
    /// For failover and the replacement of vanished units: sends the order's open batches that
    /// <paramref name="include"/> selects, whatever the request's state, so an Active request gets its
    /// replacement through the same launcher, idempotency keys and timeline.
    /// </summary>
    public async Task LaunchOpenBatchesAsync(CoreQuotaRequest request, ProvisioningOrder order, Func<ProvisioningBatch, bool> include, CancellationToken ct = default)
    {
        var plan = await CurrentPlanAsync(request, ct);
        var offerings = plan.Allocations.Select(a => a.OfferingId).ToHashSet(StringComparer.Ordinal);
        foreach (var batch in (await provisioning.ListBatchesAsync(order.Id, ct)).Where(b => b.IsOpen && offerings.Contains(b.OfferingId) && include(b)))
            await launcher.LaunchAsync(request, order, plan, batch, ct);
    }

    /// <summary>What of the plan is held (booting or running): live resources grouped back into allocations, one per offering.</summary>
    public static IReadOnlyList<Allocation> Delivered(Plan plan, IReadOnlyList<Resource> resources)
    {
        // A re-planned plan may hold one offering twice (the kept part and the added part); they share a zone.
        var zoneOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in plan.Allocations) zoneOf.TryAdd(a.OfferingId, a.InternalZoneId);
        var byOffering = new Dictionary<string, Allocation>(StringComparer.Ordinal);
        foreach (var r in resources.Where(r => r.IsLive))
            byOffering[r.OfferingId] = byOffering.TryGetValue(r.OfferingId, out var a)
                ? a with { Units = a.Units + 1, Cores = a.Cores + r.Cores, CostPerHour = a.CostPerHour + r.PricePerHour }
                : new Allocation(zoneOf.GetValueOrDefault(r.OfferingId, ""), r.MemberZoneId, r.Provider, r.OfferingId, r.InstanceType, 1, r.Cores, r.PricePerHour);
        return byOffering.Values.ToList();
    }
}
