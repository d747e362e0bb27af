using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>Why a plan changes, as the timeline and the audit trail say it.</summary>
/// <param name="CancelOpenIn">Member zones whose not-yet-sent batches are given up (a failover's Down zones).</param>
public sealed record RevisionCause(string Message, string AuditAction, string Actor, IReadOnlySet<string>? CancelOpenIn = null);

/// <summary>
/// The one transaction for any change of a request's plan while it is carried out — a stock-out
/// re-plan, the replacement of vanished units, a failover: lock the request, commit any extra cost
/// to the budget, store the new plan, point the order at it, give up pending work the plan no
/// longer wants, add the batches of the added part, and write the timeline line and the audit event.
/// Nothing is provisioned here; the executor sends the new batches.
/// </summary>
public sealed class OrderRevision(
    Database db, RequestRepository requests, BudgetService budgets, PlanRepository plans, ProvisioningRepository provisioning,
    AuditLog audit, IOptions<SchedulingOptions> options, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    /// <summary>
    /// Stores <paramref name="replan"/> as the request's plan. Returns the stored plan, or null when the
    /// request moved on meanwhile (another revision stored a newer plan, or it left Provisioning/Active):
    /// then nothing is written. A budget that cannot take the extra cost throws <see cref="ConflictException"/>.
    /// </summary>
    public async Task<Plan?> ApplyAsync(
        CoreQuotaRequest request, ProvisioningOrder order, Plan current, Replan replan, RevisionCause cause, CancellationToken ct)
    {
        var batches = await provisioning.ListBatchesAsync(order.Id, ct);
        var live = (await provisioning.ListResourcesAsync(request.Id, ct)).Where(r => r.IsLive).ToList();
        var now = clock.GetUtcNow();
        // The current plan is the newest by creation time; on a clock that has not moved since the
        // last plan (tests, or two re-plans within a tick), the new one must still sort after it.
        var createdAt = now > current.CreatedAt ? now : current.CreatedAt.AddMilliseconds(1);
        var plan = replan.Plan with { Id = Guid.NewGuid(), RequestId = request.Id, CreatedAt = createdAt };
        var next = batches.Count == 0 ? 1 : batches.Max(b => b.Sequence) + 1;

        return await db.InTransactionAsync(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            if (locked.State is not (RequestState.Provisioning or RequestState.Active)) return null;
            var currentId = await c.QueryFirstOrDefaultAsync<Guid?>(
                "SELECT id FROM plans WHERE request_id = @Id ORDER BY created_at DESC, id LIMIT 1", new { request.Id }, tx);
            if (currentId != current.Id) return null;

            var before = new { PlanId = current.Id, current.PlannedCores, locked.CommittedAmount };
            var delta = plan.EstimatedTotal - locked.CommittedAmount;
            if (delta > 0)
            {
                await budgets.CommitAsync(locked.BudgetId, delta, cause.Actor, c, tx);
                locked.RaiseCommitment(delta, now);
                await requests.UpdateAsync(locked, c, tx);
            }
            await plans.InsertAsync(plan, c, tx);
            await provisioning.UpdateOrderAsync(order.After(OrderAction.Revise, now, plan.Id), c, tx);
            // Only Pending work is given up here: a Sent batch may have made units, and is closed by
            // whoever can look for them (the failover's release phase).
            if (cause.CancelOpenIn is { } zones)
                foreach (var b in batches.Where(b => b.State == BatchState.Pending && zones.Contains(b.MemberZoneId)))
                    await provisioning.UpdateBatchAsync(b.After(BatchAction.Cancel, now, $"Cancelled: {cause.AuditAction}."), c, tx);
            await provisioning.InsertBatchesAsync(BatchesFor(order.Id, next, Uncovered(plan, live, batches, cause.CancelOpenIn), now), c, tx);
            await provisioning.AppendEventAsync(order.Id, now, cause.Message, c, tx);
            await audit.AppendAsync(c, tx, cause.Actor, Entity, request.Id.ToString(), cause.AuditAction, before, new
            {
                PlanId = plan.Id, plan.PlannedCores, locked.CommittedAmount,
                LostCores = replan.Lost.Sum(a => a.Cores), AddedCores = replan.Added.Sum(a => a.Cores), plan.ShortfallCores,
            });
            return plan;
        }, ct);
    }

    /// <summary>
    /// What of <paramref name="plan"/> no live unit and no open batch stands for: the re-plan's added part,
    /// and kept lines whose units are gone (vanished, never booted, a batch that failed) — the planner keeps
    /// those as still deliverable, so the order must send them again. Per offering, in plan order.
    /// </summary>
    internal static IReadOnlyList<Allocation> Uncovered(
        Plan plan, IReadOnlyList<Resource> live, IReadOnlyList<ProvisioningBatch> batches, IReadOnlySet<string>? cancelledIn)
    {
        var covered = live.GroupBy(r => r.OfferingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var b in batches.Where(b => b.IsOpen && !(b.State == BatchState.Pending && cancelledIn?.Contains(b.MemberZoneId) == true)))
            covered[b.OfferingId] = covered.GetValueOrDefault(b.OfferingId) + b.Units;
        var uncovered = new List<Allocation>();
        foreach (var a in plan.Allocations)
        {
            var have = covered.GetValueOrDefault(a.OfferingId);
            var take = Math.Min(have, a.Units);
            covered[a.OfferingId] = have - take;
            var missing = a.Units - take;
            if (missing <= 0) continue;
            uncovered.Add(missing == a.Units ? a : a with
            {
                Units = missing, Cores = a.Cores / a.Units * missing, CostPerHour = a.CostPerHour / a.Units * missing,
            });
        }
        return uncovered;
    }

    /// <summary>A timeline line about the order that changes no plan (a shortfall nothing could fill).</summary>
    public Task NoteAsync(Guid orderId, DateTimeOffset at, string message, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => provisioning.AppendEventAsync(orderId, at, message, c, tx), ct);

    /// <summary>The batches that deliver <paramref name="allocations"/>, numbered from <paramref name="firstSequence"/>, at most MaxUnitsPerBatch each.</summary>
    public IReadOnlyList<ProvisioningBatch> BatchesFor(Guid orderId, int firstSequence, IEnumerable<Allocation> allocations, DateTimeOffset now)
    {
        var size = options.Value.MaxUnitsPerBatch;
        var sequence = firstSequence;
        var batches = new List<ProvisioningBatch>();
        foreach (var a in allocations)
            for (var done = 0; done < a.Units; done += size)
                batches.Add(new ProvisioningBatch(Guid.NewGuid(), orderId, sequence++, a.Provider, a.MemberZoneId, a.OfferingId,
                    a.InstanceType, Math.Min(size, a.Units - done), 0, BatchState.Pending, 0, null, now));
        return batches;
    }
}
