using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;

namespace CapacityConsole.Scheduler.Tests.Budgets;

/// <summary>
/// A budget is not closed under the requests it still pays for, on SQLite and PostgreSQL: the close
/// is refused naming them and changes nothing; once they are settled it closes.
/// </summary>
public abstract class BudgetCloseSuite(StorageProvider storage)
{
    [Fact]
    public async Task Close_IsRefusedWhileAnApprovedRequestHoldsMoneyOnIt_AndGoesThroughOnceItIsCancelled()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var approved = await core.ApprovedRequestAsync(cores: 960);
        var budgets = core.Get<BudgetService>();
        var before = await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget);
        var trail = (await core.Get<AuditLog>().ListAsync(nameof(Budget), CoreHost.FlashSaleBudget.ToString())).Count;

        var e = await Assert.ThrowsAsync<ConflictException>(() => budgets.CloseAsync(CoreHost.FlashSaleBudget, "robin"));

        Assert.Contains($"product-detail-cache 960 cores, {approved.State} ({approved.Id})", e.Message);
        var after = await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget);
        Assert.Equal((BudgetState.Approved, before.Committed), (after.State, after.Committed));
        Assert.True(after.Committed > 0);
        Assert.Equal(trail, (await core.Get<AuditLog>().ListAsync(nameof(Budget), CoreHost.FlashSaleBudget.ToString())).Count);

        await core.Get<RequestService>().CancelAsync(approved.Id, CoreHost.PlannerActor);
        Assert.Equal(BudgetState.Closed, (await budgets.CloseAsync(CoreHost.FlashSaleBudget, "robin")).State);
    }
}

public sealed class SqliteBudgetCloseTests() : BudgetCloseSuite(StorageProvider.Sqlite);

public sealed class PostgresBudgetCloseTests() : BudgetCloseSuite(StorageProvider.Postgres);
