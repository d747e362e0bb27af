using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Requests;

/// <summary>
/// Filing, previewing, approving, rejecting and cancelling core-quota requests. Approval plans the
/// request, commits the plan's estimate to the budget and schedules the request in one transaction;
/// the pre-warm job is scheduled after it commits.
/// </summary>
public sealed class RequestService(
    Database db, RequestRepository requests, ServiceRepository services, BudgetRepository budgets, BudgetService budgetService,
    PlanRepository plans, PlanningService planning, AuditLog audit, IJobScheduler jobs, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    public async Task<CoreQuotaRequest> FileAsync(NewCoreQuotaRequest input, Actor actor, bool submit, CancellationToken ct = default)
    {
        var (request, service, budget) = await PrepareAsync(input, actor, ct);
        // Region and zones are checked against the topology (and the service's own zone constraint)
        // before anything is stored; otherwise a typo would only surface at approval.
        await planning.InputAsync(request, service, budget.Available, ct);
        if (submit) request.Submit(clock.GetUtcNow());
        await db.InTransactionAsync(async (c, tx) =>
        {
            await requests.InsertAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, request.Id.ToString(), submit ? "File and submit" : "File", null, Snapshot(request));
        }, ct);
        return request;
    }

    /// <summary>The plan, cost and shortfall a request would get now; nothing is stored.</summary>
    public async Task<Plan> PreviewAsync(NewCoreQuotaRequest input, Actor actor, CancellationToken ct = default)
    {
        var (request, service, budget) = await PrepareAsync(input, actor, ct);
        return await planning.PlanAsync(request, service, budget, ct);
    }

    public async Task<Plan> PreviewAsync(Guid id, CancellationToken ct = default)
    {
        var request = await requests.GetAsync(id, ct);
        return await planning.PlanAsync(request, await services.GetAsync(request.ServiceId, ct), await budgets.GetAsync(request.BudgetId, ct), ct);
    }

    /// <summary>Submits a draft for approval; like filing, only the service's own team (or an admin) may.</summary>
    public async Task<CoreQuotaRequest> SubmitAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        // Read outside the transaction: a request never changes service, so the check cannot go stale.
        var service = await services.GetAsync((await requests.GetAsync(id, ct)).ServiceId, ct);
        if (!actor.OwnsServiceOf(service.OwnerTeam))
            throw new ForbiddenException($"'{actor.UserName}' may submit requests only for the services of their own team, not for {service.OwnerTeam}.");
        return await ChangeAsync(id, actor, "Submit", r => r.Submit(clock.GetUtcNow()), ct);
    }

    public Task<CoreQuotaRequest> ApproveAsync(Guid id, Actor approver, string? comment, CancellationToken ct = default) =>
        ApproveAsync(id, approver, comment, acceptedShortfallCores: 0, ct);

    /// <summary>
    /// Approves with the plan of this moment. A short plan is a decision (issue 14): it is approved only
    /// when the planner confirmed at least that shortfall (<paramref name="acceptedShortfallCores"/>, the
    /// shortfall they saw); a plan that got shorter since is refused so they look again.
    /// </summary>
    public async Task<CoreQuotaRequest> ApproveAsync(Guid id, Actor approver, string? comment, int acceptedShortfallCores, CancellationToken ct = default)
    {
        RequirePlanner(approver);
        if (acceptedShortfallCores < 0)
            throw new DomainValidationException("AcceptedShortfallCores", "The confirmed shortfall is a number of cores, 0 or more.");
        var plan = await PreviewAsync(id, ct);
        if (plan.ShortfallCores > acceptedShortfallCores)
            throw new ConflictException(acceptedShortfallCores == 0
                ? $"The plan is short of {plan.ShortfallCores:N0} cores: {plan.ShortfallReason} Nothing was approved; confirm the shortfall to approve it short."
                : $"The plan is now short of {plan.ShortfallCores:N0} cores, more than the {acceptedShortfallCores:N0} confirmed: {plan.ShortfallReason} Nothing was approved.");

        var approved = await db.InTransactionAsync(async (c, tx) =>
        {
            var request = await requests.GetForUpdateAsync(id, c, tx);
            var before = Snapshot(request);
            var now = clock.GetUtcNow();
            request.Approve(approver.UserName, plan.EstimatedTotal, comment, now);
            await budgetService.CommitAsync(request.BudgetId, plan.EstimatedTotal, approver.UserName, c, tx);
            await plans.InsertAsync(plan, c, tx);
            request.Schedule(now);
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, approver.UserName, Entity, id.ToString(), "Approve", before, Snapshot(request));
            return request;
        }, ct);
        jobs.SchedulePrewarm(approved.Id, approved.PrewarmAt);
        return approved;
    }

    /// <summary>
    /// Files, submits and approves in one transaction, with <paramref name="alsoWrite"/> (the caller's
    /// own audit) inside it. The emergency burst's path: a burst refused at any step, including a
    /// budget that another burst used up a moment ago, leaves nothing stored.
    /// </summary>
    public async Task<CoreQuotaRequest> FileApprovedAsync(
        NewCoreQuotaRequest input, Actor filer, Actor approver, string comment,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CoreQuotaRequest, Task> alsoWrite, CancellationToken ct = default)
    {
        RequirePlanner(approver);
        var (request, service, budget) = await PrepareAsync(input, filer, ct);
        var plan = await planning.PlanAsync(request, service, budget, ct);
        if (!plan.IsComplete)
            throw new ConflictException($"The plan is short of {plan.ShortfallCores:N0} cores: {plan.ShortfallReason} Nothing was started.");

        var approved = await db.InTransactionAsync(async (c, tx) =>
        {
            // The budget row is locked before the request row is inserted: the insert's foreign key
            // takes a share lock on the budget, and two bursts that each held one while waiting for
            // the other's FOR UPDATE deadlocked on PostgreSQL.
            await budgets.GetForUpdateAsync(request.BudgetId, c, tx);
            var now = clock.GetUtcNow();
            request.Submit(now);
            await requests.InsertAsync(request, c, tx);
            await audit.AppendAsync(c, tx, filer.UserName, Entity, request.Id.ToString(), "File and submit", null, Snapshot(request));
            var before = Snapshot(request);
            request.Approve(approver.UserName, plan.EstimatedTotal, comment, now);
            // Re-reads the budget under the transaction's lock: a commitment that no longer fits
            // throws here and rolls back the request with it.
            await budgetService.CommitAsync(request.BudgetId, plan.EstimatedTotal, approver.UserName, c, tx);
            await plans.InsertAsync(plan, c, tx);
            request.Schedule(now);
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, approver.UserName, Entity, request.Id.ToString(), "Approve", before, Snapshot(request));
            await alsoWrite(c, tx, request);
            return request;
        }, ct);
        jobs.SchedulePrewarm(approved.Id, approved.PrewarmAt);
        return approved;
    }

    public Task<CoreQuotaRequest> RejectAsync(Guid id, Actor approver, string? comment, CancellationToken ct = default)
    {
        RequirePlanner(approver);
        return ChangeAsync(id, approver, "Reject", r => r.Reject(approver.UserName, comment, clock.GetUtcNow()), ct);
    }

    /// <summary>Cancels before provisioning starts and returns the commitment to the budget.</summary>
    public Task<CoreQuotaRequest> CancelAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var request = await requests.GetForUpdateAsync(id, c, tx);
            var service = await services.GetAsync(request.ServiceId, ct);
            if (!actor.OwnsServiceOf(service.OwnerTeam) && !actor.Has(Role.Planner))
                throw new ForbiddenException($"'{actor.UserName}' may not cancel requests of team {service.OwnerTeam}.");
            var before = Snapshot(request);
            request.Cancel(clock.GetUtcNow());
            if (request.UnspentCommitment > 0)
            {
                var budget = await budgets.GetForUpdateAsync(request.BudgetId, c, tx);
                budget.ReleaseCommitment(request.UnspentCommitment, clock.GetUtcNow());
                await budgets.UpdateAsync(budget, c, tx);
                await audit.AppendAsync(c, tx, actor.UserName, nameof(Budget), budget.Id.ToString(), "Return commitment",
                    null, new { Returned = request.UnspentCommitment, budget.Committed });
            }
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, id.ToString(), "Cancel", before, Snapshot(request));
            return request;
        }, ct);

    private async Task<(CoreQuotaRequest, Service, Budget)> PrepareAsync(NewCoreQuotaRequest input, Actor actor, CancellationToken ct)
    {
        var request = CoreQuotaRequest.Create(input, actor.UserName, clock.GetUtcNow());
        var service = await services.FindAsync(input.ServiceId, ct)
            ?? throw new DomainValidationException(nameof(input.ServiceId), $"There is no service '{input.ServiceId}'.");
        if (!actor.OwnsServiceOf(service.OwnerTeam))
            throw new ForbiddenException($"'{actor.UserName}' may file requests only for the services of their own team, not for {service.OwnerTeam}.");
        var budget = await budgets.FindAsync(input.BudgetId, ct)
            ?? throw new DomainValidationException(nameof(input.BudgetId), $"There is no budget '{input.BudgetId}'.");
        if (budget.State != BudgetState.Approved)
            throw new DomainValidationException(nameof(input.BudgetId), $"Budget '{budget.Name}' is {budget.State}; only an Approved budget can be charged.");
        if (!string.Equals(budget.CostCenter, service.CostCenter, StringComparison.OrdinalIgnoreCase))
            throw new DomainValidationException(nameof(input.BudgetId),
                $"Budget '{budget.Name}' belongs to {budget.CostCenter}, but {service.Name} is charged to {service.CostCenter}.");
        if (input.WindowEnd > budget.PeriodEnd || input.WindowStart < budget.PeriodStart)
            throw new DomainValidationException(nameof(input.WindowEnd),
                $"The window must lie within the budget's period ({budget.PeriodStart:yyyy-MM-dd} to {budget.PeriodEnd:yyyy-MM-dd}).");
        return (request, service, budget);
    }

    private Task<CoreQuotaRequest> ChangeAsync(Guid id, Actor actor, string action, Action<CoreQuotaRequest> change, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var request = await requests.GetForUpdateAsync(id, c, tx);
            var before = Snapshot(request);
            change(request);
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, id.ToString(), action, before, Snapshot(request));
            return request;
        }, ct);

    private static void RequirePlanner(Actor actor)
    {
        if (!actor.Has(Role.Planner)) throw new ForbiddenException($"'{actor.UserName}' is not a planner.");
    }

    private static object Snapshot(CoreQuotaRequest r) => new { State = r.State.ToString(), r.Cores, r.CommittedAmount, r.ActualSpend };
}
