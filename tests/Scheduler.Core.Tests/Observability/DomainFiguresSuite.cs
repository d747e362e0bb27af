using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Observability;
using CapacityConsole.Scheduler.Tests.Storage;

namespace CapacityConsole.Scheduler.Tests.Observability;

/// <summary>
/// The figures behind the domain gauges, on SQLite and PostgreSQL. An empty table must read as no
/// figures: on SQLite the aggregates of an empty result once failed to materialize, the gauge's
/// callback threw, and the scrape lost every domain gauge.
/// </summary>
public abstract class DomainFiguresSuite(ITestDatabaseFactory databases)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EmptyTables_ReadAsNoFigures()
    {
        await using var t = await databases.CreateAsync();
        var figures = new DomainFigures(t.Database);

        Assert.Empty(figures.CoresHeld());
        Assert.Empty(figures.Budgets());
        Assert.Empty(figures.RequestsByState());
    }

    [Fact]
    public async Task Budgets_AreSummedByCostCenter()
    {
        await using var t = await databases.CreateAsync();
        var repository = new BudgetRepository(t.Database);
        foreach (var (name, costCenter, committed) in new[] { ("a", "CC-1", 100.25m), ("b", "CC-1", 50m), ("c", "CC-2", 7m) })
        {
            var budget = Budget.Create(name, costCenter, null, 1_000m, Now, Now.AddDays(1), "pat", Now);
            budget.Submit("pat", Now);
            budget.Approve("quinn", null, Now);
            budget.Commit(committed, Now);
            await t.Database.InTransactionAsync((c, tx) => repository.InsertAsync(budget, c, tx));
        }

        var sums = new DomainFigures(t.Database).Budgets().OrderBy(b => b.CostCenter).ToList();

        Assert.Equal([new("CC-1", 150.25m, 0m), new("CC-2", 7m, 0m)], sums);
    }
}

public sealed class SqliteDomainFiguresTests() : DomainFiguresSuite(new SqliteDatabases());

public sealed class PostgresDomainFiguresTests() : DomainFiguresSuite(new PostgresDatabases());
