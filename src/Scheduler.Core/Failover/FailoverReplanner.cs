using System.Data.Common;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// Re-plans a request whose plan uses a Down zone (the planner's <see cref="Planner.Replan"/>): what runs
/// elsewhere is kept, what ran in the Down zone is lost, and the lost cores are planned again in healthy
/// zones. The new plan, its batches on the request's provisioning order, any extra commitment, the
/// timeline line and the audit event are written in one transaction; nothing is provisioned here.
/// </summary>
public sealed class FailoverReplanner(
    Database db, RequestRepository requests, ServiceRepository services, BudgetRepository budgets, BudgetService budgetService,
    PlanRepository plans, ProvisioningRepository provisioning, ProvisioningService provisioningService, PlanningService planning,
    Planner planner, AuditLog audit, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    /// <summary>The re-plan for <paramref name="request"/> as things stand; pure apart from reading.</summary>
    public async Task<Replan> ComputeAsync(
        CoreQuotaRequest request, Plan current, IReadOnlyList<Resource> resources, PlanChange change, CancellationToken ct)
    {
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        // Like the pre-warm's re-plan: the request may use what it has committed plus what the budget has left.
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var running = ProvisioningService.Delivered(current, resources);
        return planner.Replan(new ReplanInput(input, current, running, change));
    }

    /// <summary>
    /// Stores <paramref name="replan"/> unless the request moved on meanwhile (another pass re-planned it,
    /// or it left Provisioning/Active): then returns false and writes nothing.
    /// </summary>
    public async Task<bool> StoreAsync(
        CoreQuotaRequest request, Plan current, Replan replan, IReadOnlySet<string> downMembers, string zoneLabel, string actor, CancellationToken ct)
    {
        var order = await provisioning.GetOrderAsync(request.Id, ct)
            ?? throw new InvalidOperationException($"Request {request.Id} is {request.State} without a provisioning order.");
        var batches = await provisioning.ListBatchesAsync(order.Id, ct);
        var now = clock.GetUtcNow();
        // The current plan is the newest by creation time; on a clock that has not moved since the
        // last plan (tests, or two re-plans within a tick), the new one must still sort after it.
        var createdAt = now > current.CreatedAt ? now : current.CreatedAt.AddMilliseconds(1);
        var plan = replan.Plan with { Id = Guid.NewGuid(), RequestId = request.Id, CreatedAt = createdAt };

        return await db.InTransactionAsync(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            if (locked.State is not (RequestState.Provisioning or RequestState.Active)) return false;
            if (await CurrentPlanIdAsync(request.Id, c, tx) != current.Id) return false;

            var before = new { PlanId = current.Id, current.PlannedCores, locked.CommittedAmount };
            var delta = plan.EstimatedTotal - locked.CommittedAmount;
            if (delta > 0)
            {
                await budgetService.CommitAsync(locked.BudgetId, delta, actor, c, tx);
                locked.RaiseCommitment(delta, now);
                await requests.UpdateAsync(locked, c, tx);
            }
            await plans.InsertAsync(plan, c, tx);
            await provisioning.UpdateOrderAsync(order with { PlanId = plan.Id }, c, tx);
            // Work not yet sent to a Down zone will not be: it is the re-plan's Cancelled part.
            foreach (var b in batches.Where(b => b.State == BatchState.Pending && downMembers.Contains(b.MemberZoneId)))
                await provisioning.UpdateBatchAsync(b with { State = BatchState.Failed, LastError = "Cancelled: zone Down (failover).", UpdatedAt = now }, c, tx);
            var next = batches.Count == 0 ? 1 : batches.Max(b => b.Sequence) + 1;
            await provisioning.InsertBatchesAsync(provisioningService.BatchesFor(order.Id, next, replan.Added, now), c, tx);
            await provisioning.AppendEventAsync(order.Id, now, Describe(zoneLabel, replan, plan), c, tx);
            await audit.AppendAsync(c, tx, actor, Entity, request.Id.ToString(), "Fail over", before,
                new { PlanId = plan.Id, plan.PlannedCores, locked.CommittedAmount, LostCores = replan.Lost.Sum(a => a.Cores), AddedCores = replan.Added.Sum(a => a.Cores), plan.ShortfallCores });
            return true;
        }, ct);
    }

    private static async Task<Guid?> CurrentPlanIdAsync(Guid requestId, DbConnection c, DbTransaction tx) =>
        await c.QueryFirstOrDefaultAsync<Guid?>(
            "SELECT id FROM plans WHERE request_id = @requestId ORDER BY created_at DESC, id LIMIT 1", new { requestId }, tx);

    private static string Describe(string zoneLabel, Replan replan, Plan plan)
    {
        var added = replan.Added.Count == 0
            ? "no replacement could be planned."
            : $"{replan.Added.Sum(a => a.Cores):N0} cores re-planned in {string.Join(", ", replan.Added.Select(a => a.MemberZoneId).Distinct())}" +
              $" (+{replan.Added.Sum(a => a.CostPerHour):0.00} CNY/h).";
        var text = $"Failover: {zoneLabel} is Down; {replan.Lost.Sum(a => a.Cores):N0} running cores lost there, " +
                   $"{replan.Cancelled.Sum(a => a.Cores):N0} planned cores cancelled; {added}";
        return plan.IsComplete ? text : $"{text} Short of {plan.ShortfallCores:N0} cores: {plan.ShortfallReason}";
    }
}
