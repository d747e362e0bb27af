using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Release;

/// <summary>
/// Returns a request's resources after its window, or everything a Failed request still holds, through
/// the one <see cref="ResourceRelease"/> routine (cloud before IDC, most expensive per core first, brief
/// §5.6), then settles the money: the commitment goes back to the budget and the actual spend (Σ
/// unit-hours × price, to the fen, see <see cref="SpendMeter"/>) is accrued up to its final value.
/// A window that ends goes Releasing → Released; a Failed request stays Failed (its reason is the
/// news) and only its money is settled. Idempotent: releasing what is released is success, and a
/// settled request is left alone.
/// </summary>
public sealed class ReleaseService(
    Database db, RequestRepository requests, BudgetRepository budgets, ProvisioningRepository provisioning,
    ResourceRelease release, AccrualService accrual, AuditLog audit, WorkHeartbeat heartbeat, LiveNotifier live, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    public async Task ReleaseAsync(Guid requestId, string actor = "scheduler", CancellationToken ct = default)
    {
        var started = await db.InTransactionAsync(async (c, tx) =>
        {
            var request = await requests.GetForUpdateAsync(requestId, c, tx);
            if (request.State is not (RequestState.Provisioning or RequestState.Active)) return false;
            var before = request.State.ToString();
            request.StartRelease(clock.GetUtcNow());
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), "Start release", new { State = before }, new { State = request.State.ToString() });
            return true;
        }, ct);
        var state = (await requests.GetAsync(requestId, ct)).State;
        if (state is not (RequestState.Releasing or RequestState.Failed)) return;
        await heartbeat.TouchAsync(requestId, clock.GetUtcNow(), ct);
        if (started) await PublishAsync(requestId, state, "Release started: cloud first, most expensive first.", ct);

        var order = await provisioning.GetOrderAsync(requestId, ct);
        var outcome = await release.ReleaseAsync(requestId, order?.Id, await provisioning.ListResourcesAsync(requestId, ct),
            state == RequestState.Failed ? "(the pre-warm failed)" : "after the window", actor, null,
            async message =>
            {
                await heartbeat.TouchAsync(requestId, clock.GetUtcNow(), ct);
                await PublishAsync(requestId, state, message, ct);
            }, ct);
        // Settled only once nothing is held: what a refused call left is billed until the retry frees it.
        if (!outcome.Complete) throw outcome.Failures[0];
        if (await SettleAsync(requestId, actor, ct) is { } spend)
            await PublishAsync(requestId, state == RequestState.Failed ? RequestState.Failed : RequestState.Released,
                state == RequestState.Failed ? $"Failed; everything given back, actual spend {spend:N2} CNY." : $"Released; actual spend {spend:N2} CNY.", ct);
    }

    /// <summary>After the commit, so viewers never see a step the tables do not hold. Cores = what is still held.</summary>
    private async Task PublishAsync(Guid requestId, RequestState state, string message, CancellationToken ct) =>
        live.Publish(new RequestProgressed(requestId, state, await provisioning.HeldCoresAsync(requestId, ct),
            (await requests.GetAsync(requestId, ct)).Cores, message, clock.GetUtcNow()));

    /// <summary>The final actual spend, or null when a twin run settled it already.</summary>
    private async Task<decimal?> SettleAsync(Guid requestId, string actor, CancellationToken ct)
    {
        var resources = await provisioning.ListResourcesAsync(requestId, ct);
        return await db.InTransactionAsync<decimal?>(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(requestId, c, tx);
            if (locked.State is not (RequestState.Releasing or RequestState.Failed)) return null;
            if (locked.State == RequestState.Failed && locked.IsSettled) return null;
            var now = clock.GetUtcNow();
            var actual = SpendMeter.Spend(resources, now);
            await accrual.AccrueAsync(requestId, actual, actor, c, tx);
            var request = await requests.GetForUpdateAsync(requestId, c, tx);
            var budget = await budgets.GetForUpdateAsync(request.BudgetId, c, tx);
            var budgetBefore = new { budget.Committed, budget.Actual };
            budget.ReleaseCommitment(request.UnspentCommitment, now);
            await budgets.UpdateAsync(budget, c, tx);
            await audit.AppendAsync(c, tx, actor, nameof(Budget), budget.Id.ToString(), "Settle request", budgetBefore, new { budget.Committed, budget.Actual });
            var stateBefore = request.State.ToString();
            if (request.State == RequestState.Failed) request.SettleFailure(actual, now);
            else request.CompleteRelease(actual, now);
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), request.State == RequestState.Failed ? "Settle failure" : "Complete release",
                new { State = stateBefore }, new { State = request.State.ToString(), ActualSpend = actual });
            return actual;
        }, ct);
    }
}
