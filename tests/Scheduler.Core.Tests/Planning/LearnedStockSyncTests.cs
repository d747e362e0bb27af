using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Learned cloud stock shared through PostgreSQL: a partial batch seen on A holds B's plans too; the newest lesson wins.</summary>
public sealed class LearnedStockSyncTests
{
    private static readonly TimeSpan Doubling = TimeSpan.FromHours(1);

    [Fact]
    public async Task CapLearnedOnA_HoldsOnB_AndANewerLessonReplacesIt()
    {
        await using var database = await new PostgresDatabases().CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var (learnedA, syncA) = Instance(database.Database.Dialect, clock);
        await using var other = Npgsql.NpgsqlDataSource.Create(((PostgresDialect)database.Database.Dialect).DataSource.ConnectionString);
        var (learnedB, syncB) = Instance(new PostgresDialect(other), clock);

        learnedA.Record("cn-beijing-h", "ecs.c7.8xlarge", requested: 100, delivered: 40, clock.GetUtcNow());
        await syncA.SyncOnceAsync();
        await syncB.SyncOnceAsync();

        Assert.Equal(40, learnedB.CapAt("cn-beijing-h", "ecs.c7.8xlarge", clock.GetUtcNow()));
        Assert.Null(learnedB.CapAt("cn-beijing-i", "ecs.c7.8xlarge", clock.GetUtcNow()));

        // B learns later that the zone is empty: A takes the newer lesson, and A's older one does not come back.
        clock.Advance(TimeSpan.FromMinutes(5));
        learnedB.Record("cn-beijing-h", "ecs.c7.8xlarge", requested: 10, delivered: 0, clock.GetUtcNow());
        await syncB.SyncOnceAsync();
        await syncA.SyncOnceAsync();
        await syncB.SyncOnceAsync();
        Assert.Equal(0, learnedA.CapAt("cn-beijing-h", "ecs.c7.8xlarge", clock.GetUtcNow()));
        Assert.Equal(0, learnedB.CapAt("cn-beijing-h", "ecs.c7.8xlarge", clock.GetUtcNow()));
    }

    private static (LearnedStock, LearnedStockSync) Instance(SqlDialect dialect, TimeProvider clock)
    {
        var learned = new LearnedStock(Doubling);
        return (learned, new LearnedStockSync(dialect, learned, clock, NullLogger<LearnedStockSync>.Instance));
    }
}
