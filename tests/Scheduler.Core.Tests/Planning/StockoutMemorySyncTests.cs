using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>The stock-out memory shared through PostgreSQL: what one instance learnt, the others' planners skip too, until it expires.</summary>
public sealed class StockoutMemorySyncTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task StockoutSeenOnA_IsRememberedOnB_AndExpiresThereWithItsTtl()
    {
        await using var database = await new PostgresDatabases().CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var (memoryA, syncA) = Instance(database.Database.Dialect, clock);
        await using var other = Npgsql.NpgsqlDataSource.Create(((PostgresDialect)database.Database.Dialect).DataSource.ConnectionString);
        var (memoryB, syncB) = Instance(new PostgresDialect(other), clock);

        memoryA.Record(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow());
        await syncA.SyncOnceAsync();
        await syncB.SyncOnceAsync();

        Assert.True(memoryB.IsStockedOut(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow()));
        Assert.False(memoryB.IsStockedOut(ProviderKind.AlibabaCloud, "cn-beijing-i", "ecs.c7", clock.GetUtcNow()));

        // Exchanging again and again does not keep it alive: it ends one TTL (plus at most one interval) after A saw it.
        clock.Advance(Ttl - TimeSpan.FromMinutes(1));
        await syncB.SyncOnceAsync();
        await syncA.SyncOnceAsync();
        clock.Advance(TimeSpan.FromMinutes(1) + StockoutMemorySync.Interval);
        await syncA.SyncOnceAsync();
        await syncB.SyncOnceAsync();
        Assert.False(memoryB.IsStockedOut(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow()));
        Assert.False(memoryA.IsStockedOut(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow()));
    }

    [Fact]
    public async Task OnSqlite_NothingIsShared()
    {
        await using var database = await new SqliteDatabases().CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var (memory, sync) = Instance(database.Database.Dialect, clock);
        memory.Record(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow());

        await sync.SyncOnceAsync(); // one process: no table, no error

        Assert.True(memory.IsStockedOut(ProviderKind.AlibabaCloud, "cn-beijing-h", "ecs.c7", clock.GetUtcNow()));
    }

    private static (StockoutMemory, StockoutMemorySync) Instance(SqlDialect dialect, TimeProvider clock)
    {
        var memory = new StockoutMemory(Ttl);
        return (memory, new StockoutMemorySync(dialect, memory, clock, NullLogger<StockoutMemorySync>.Instance));
    }
}
