using System.Data.Common;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Budgets;

/// <summary>
/// The budget workflow. Every change runs in one transaction with its audit event; commitments
/// read the budget row for update, so concurrent approvals can never over-commit it. A workflow
/// change is published live once committed, so budget pages on every instance follow it.
/// </summary>
public sealed class BudgetService(Database db, BudgetRepository budgets, AuditLog audit, TimeProvider clock, LiveNotifier? live = null)
{
    public async Task<Budget> CreateAsync(NewBudget input, string actor, CancellationToken ct = default) =>
        Published(await db.InTransactionAsync(async (c, tx) =>
        {
            var budget = Budget.Create(input.Name, input.CostCenter, input.EventName, input.Amount,
                input.PeriodStart, input.PeriodEnd, actor, clock.GetUtcNow());
            await budgets.InsertAsync(budget, c, tx);
            await audit.AppendAsync(c, tx, actor, nameof(Budget), budget.Id.ToString(), "Create", null, Snapshot(budget));
            return budget;
        }, ct));

    public Task<Budget> SubmitAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Submit", b => b.Submit(actor, clock.GetUtcNow()), ct);

    public Task<Budget> ApproveAsync(Guid id, string actor, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Approve", b => b.Approve(actor, comment, clock.GetUtcNow()), ct);

    public Task<Budget> RejectAsync(Guid id, string actor, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Reject", b => b.Reject(actor, comment, clock.GetUtcNow()), ct);

    public Task<Budget> CloseAsync(Guid id, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Close", async (b, c, tx) => b.Close(await budgets.HoldersAsync(id, c, tx), clock.GetUtcNow()), ct);

    /// <summary>Commits an amount inside the caller's transaction (request approval).</summary>
    public async Task<Budget> CommitAsync(Guid id, decimal amount, string actor, DbConnection c, DbTransaction tx)
    {
        var budget = await budgets.GetForUpdateAsync(id, c, tx);
        var before = Snapshot(budget);
        budget.Commit(amount, clock.GetUtcNow());
        await budgets.UpdateAsync(budget, c, tx);
        await audit.AppendAsync(c, tx, actor, nameof(Budget), id.ToString(), "Commit", before, Snapshot(budget));
        return budget;
    }

    private Task<Budget> ChangeAsync(Guid id, string actor, string action, Action<Budget> change, CancellationToken ct) =>
        ChangeAsync(id, actor, action, (b, _, _) => { change(b); return Task.CompletedTask; }, ct);

    // The budget row is locked first: an approval committing to it meanwhile waits, then finds it Closed.
    private async Task<Budget> ChangeAsync(Guid id, string actor, string action, Func<Budget, DbConnection, DbTransaction, Task> change, CancellationToken ct) =>
        Published(await db.InTransactionAsync(async (c, tx) =>
        {
            var budget = await budgets.GetForUpdateAsync(id, c, tx);
            var before = Snapshot(budget);
            await change(budget, c, tx);
            await budgets.UpdateAsync(budget, c, tx);
            await audit.AppendAsync(c, tx, actor, nameof(Budget), id.ToString(), action, before, Snapshot(budget));
            return budget;
        }, ct));

    private Budget Published(Budget budget)
    {
        live?.Publish(new BudgetChanged(budget.Id, budget.State, budget.Committed, budget.Actual, clock.GetUtcNow()));
        return budget;
    }

    private static object Snapshot(Budget b) => new { State = b.State.ToString(), b.Amount, b.Committed, b.Actual };
}
