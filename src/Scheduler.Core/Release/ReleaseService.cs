using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Release;

/// <summary>
/// Returns a request's resources after its window: cloud before IDC, most expensive per core first
/// (brief §5.6), then settles the money: the commitment goes back to the budget and the actual
/// spend (Σ unit-hours × price, to the fen, see <see cref="SpendMeter"/>) is accrued up to its final value. Idempotent: releasing what is released is
/// success, and a Released request is left alone.
/// </summary>
public sealed class ReleaseService(
    Database db, RequestRepository requests, BudgetRepository budgets, ProvisioningRepository provisioning,
    ProviderRegistry providers, AccrualService accrual, AuditLog audit, LiveNotifier live, TimeProvider clock)
{
    private const string Entity = "CoreQuotaRequest";

    public async Task ReleaseAsync(Guid requestId, string actor = "scheduler", CancellationToken ct = default)
    {
        var started = await db.InTransactionAsync(async (c, tx) =>
        {
            var request = await requests.GetForUpdateAsync(requestId, c, tx);
            if (request.State is not (RequestState.Provisioning or RequestState.Active or RequestState.Failed)) return false;
            var before = request.State.ToString();
            request.StartRelease(clock.GetUtcNow());
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), "Start release", new { State = before }, new { State = request.State.ToString() });
            return true;
        }, ct);
        if ((await requests.GetAsync(requestId, ct)).State != RequestState.Releasing) return;
        if (started) await PublishAsync(requestId, RequestState.Releasing, "Release started: cloud first, most expensive first.", ct);

        var order = await provisioning.GetOrderAsync(requestId, ct);
        var live = (await provisioning.ListResourcesAsync(requestId, ct)).Where(r => r.State != ResourceState.Released);
        foreach (var group in InReleaseOrder(live).GroupBy(r => (r.Provider, r.MemberZoneId)))
        {
            var provider = providers.For(group.Key.Provider);
            var ids = group.Select(r => r.Id).ToList();
            await provider.ReleaseAsync(group.Key.MemberZoneId, ids, ct);
            var message = $"Released {ids.Count} × {group.First().InstanceType} in {group.Key.MemberZoneId}.";
            await db.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                await provisioning.MarkReleasedAsync(ids, now, c, tx);
                if (order is not null)
                    await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            }, ct);
            await PublishAsync(requestId, RequestState.Releasing, message, ct);
        }
        if (await SettleAsync(requestId, actor, ct) is { } spend)
            await PublishAsync(requestId, RequestState.Released, $"Released; actual spend {spend:N2} CNY.", ct);
    }

    /// <summary>After the commit, so viewers never see a step the tables do not hold. Cores = what is still held.</summary>
    private async Task PublishAsync(Guid requestId, RequestState state, string message, CancellationToken ct) =>
        live.Publish(new RequestProgressed(requestId, state, await provisioning.HeldCoresAsync(requestId, ct),
            (await requests.GetAsync(requestId, ct)).Cores, message, clock.GetUtcNow()));

    /// <summary>Cloud first, then IDC; within each, the most expensive per core first.</summary>
    public static IEnumerable<Resource> InReleaseOrder(IEnumerable<Resource> resources) => resources
        .OrderBy(r => r.Provider == ProviderKind.Idc ? 1 : 0)
        .ThenByDescending(r => r.PricePerHour / r.Cores)
        .ThenBy(r => r.Id, StringComparer.Ordinal);

    /// <summary>The final actual spend, or null when a twin run settled it already.</summary>
    private async Task<decimal?> SettleAsync(Guid requestId, string actor, CancellationToken ct)
    {
        var resources = await provisioning.ListResourcesAsync(requestId, ct);
        return await db.InTransactionAsync<decimal?>(async (c, tx) =>
        {
            if ((await requests.GetForUpdateAsync(requestId, c, tx)).State != RequestState.Releasing) return null;
            var now = clock.GetUtcNow();
            var actual = SpendMeter.Spend(resources, now);
            await accrual.AccrueAsync(requestId, actual, actor, c, tx);
            var request = await requests.GetForUpdateAsync(requestId, c, tx);
            var budget = await budgets.GetForUpdateAsync(request.BudgetId, c, tx);
            var budgetBefore = new { budget.Committed, budget.Actual };
            budget.ReleaseCommitment(request.UnspentCommitment, now);
            await budgets.UpdateAsync(budget, c, tx);
            await audit.AppendAsync(c, tx, actor, nameof(Budget), budget.Id.ToString(), "Settle request", budgetBefore, new { budget.Committed, budget.Actual });
            request.CompleteRelease(actual, now);
            await requests.UpdateAsync(request, c, tx);
            await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), "Complete release",
                new { State = nameof(RequestState.Releasing) }, new { State = request.State.ToString(), ActualSpend = actual });
            return actual;
        }, ct);
    }
}
