using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Accrual;

/// <summary>
/// Moves what running capacity has cost so far into the budgets' actual spend, so planners watch
/// spend grow during the event instead of seeing it only at release. Only the difference since the
/// last accrual is added, so running it twice adds nothing the second time.
/// </summary>
public sealed class AccrualService(
    Database db, RequestRepository requests, BudgetRepository budgets, ProvisioningRepository provisioning, AuditLog audit, TimeProvider clock)
{
    private static readonly RequestState[] Metered = [RequestState.Provisioning, RequestState.Active, RequestState.Releasing];

    public async Task<decimal> AccrueAsync(CancellationToken ct = default)
    {
        var accrued = 0m;
        foreach (var request in await requests.ListInStatesAsync(Metered, ct))
        {
            var total = SpendMeter.Spend(await provisioning.ListResourcesAsync(request.Id, ct), clock.GetUtcNow());
            accrued += await db.InTransactionAsync((c, tx) => AccrueAsync(request.Id, total, "accrual", c, tx), ct);
        }
        return accrued;
    }

    /// <summary>Brings one request's metered spend up to <paramref name="total"/>; returns what was added.</summary>
    public async Task<decimal> AccrueAsync(Guid requestId, decimal total, string actor, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx)
    {
        var request = await requests.GetForUpdateAsync(requestId, c, tx);
        var delta = total - request.ActualSpend;
        if (delta <= 0) return 0m;
        var now = clock.GetUtcNow();
        var budget = await budgets.GetForUpdateAsync(request.BudgetId, c, tx);
        var before = new { budget.Committed, budget.Actual };
        // Spend inside the request's estimate was committed already: it moves from committed to actual.
        budget.Accrue(delta, Math.Min(delta, request.UnspentCommitment), now);
        request.RecordAccrual(total, now);
        await budgets.UpdateAsync(budget, c, tx);
        await requests.UpdateAsync(request, c, tx);
        await audit.AppendAsync(c, tx, actor, nameof(Budget), budget.Id.ToString(), "Accrue", before, new { budget.Committed, budget.Actual });
        return delta;
    }
}
