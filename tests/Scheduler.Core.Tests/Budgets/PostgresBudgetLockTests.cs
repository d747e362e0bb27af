using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;
using Dapper;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Budgets;

/// <summary>
/// What makes concurrent approvals safe on PostgreSQL: reading a budget for update locks its row
/// until the transaction ends. Proved without timing: while one transaction holds the row, another
/// with a lock timeout is refused with lock_not_available, and succeeds once the first has ended.
/// </summary>
public sealed class PostgresBudgetLockTests
{
    [Fact]
    public async Task GetForUpdate_LocksTheBudgetRow_UntilTheTransactionEnds()
    {
        await using var core = await CoreHost.StartAsync(StorageProvider.Postgres);
        var db = core.Get<Database>();
        var budgets = core.Get<BudgetRepository>();

        await using (var holder = await db.OpenAsync())
        await using (var held = await holder.BeginTransactionAsync())
        {
            await budgets.GetForUpdateAsync(CoreHost.FlashSaleBudget, holder, held);

            var e = await Assert.ThrowsAsync<PostgresException>(() => ReadForUpdateWithLockTimeoutAsync(db, budgets));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
            await held.RollbackAsync();
        }

        Assert.Equal(CoreHost.FlashSaleBudget, await ReadForUpdateWithLockTimeoutAsync(db, budgets));
    }

    private static async Task<Guid> ReadForUpdateWithLockTimeoutAsync(Database db, BudgetRepository budgets)
    {
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("SET LOCAL lock_timeout = '200ms'", transaction: tx);
        var budget = await budgets.GetForUpdateAsync(CoreHost.FlashSaleBudget, c, tx);
        await tx.CommitAsync();
        return budget.Id;
    }
}
