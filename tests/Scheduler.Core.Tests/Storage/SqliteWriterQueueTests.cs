using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// On SQLite this process's write transactions queue for their turn (<see cref="SqliteDialect.EnterWriteAsync"/>)
/// instead of meeting the file's lock, where Microsoft.Data.Sqlite sleeps 150 ms before it tries again.
/// What that saves is measured in the hub benchmark (docs/benchmarks.md, "Hub viewers"); these say the
/// queue keeps transactions whole and never stalls.
/// </summary>
public sealed class SqliteWriterQueueTests
{
    [Fact]
    public async Task ManyWriteTransactionsAtOnce_EachSeesAllTheOnesBeforeIt()
    {
        await using var database = await new SqliteDatabases().CreateAsync(migrate: false);
        var db = database.Database;
        await using (var c = await db.OpenAsync()) await c.ExecuteAsync("CREATE TABLE turns (n INTEGER NOT NULL UNIQUE)");

        // Each reads the highest number and writes the next: a turn that overlapped another would repeat one.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => db.InTransactionAsync(async (c, tx) =>
        {
            var last = await c.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(n), 0) FROM turns", transaction: tx);
            await Task.Yield();
            await c.ExecuteAsync("INSERT INTO turns (n) VALUES (@next)", new { next = last + 1 }, tx);
        }))));

        await using var read = await db.OpenAsync();
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), await read.QueryAsync<long>("SELECT n FROM turns ORDER BY n"));
    }

    [Fact]
    public async Task ATransactionThatFails_IsRolledBack_AndTheNextOneBegins()
    {
        await using var database = await new SqliteDatabases().CreateAsync(migrate: false);
        var db = database.Database;
        await using (var c = await db.OpenAsync()) await c.ExecuteAsync("CREATE TABLE turns (n INTEGER NOT NULL)");

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO turns (n) VALUES (1)", transaction: tx);
            throw new InvalidOperationException("the work failed");
        }));
        // Bounded: a turn not handed on would hold the next writer for SQLite's 30 s timeout.
        await db.InTransactionAsync((c, tx) => c.ExecuteAsync("INSERT INTO turns (n) VALUES (2)", transaction: tx)).WaitAsync(TimeSpan.FromSeconds(10));

        await using var read = await db.OpenAsync();
        Assert.Equal([2L], await read.QueryAsync<long>("SELECT n FROM turns"));
    }

    [Fact]
    public async Task AWriteOutsideATransaction_WhileAnotherProcessHoldsTheLock_WaitsForIt()
    {
        // Another process (its own queue) holds a write transaction; SQLite's busy handler, not an error, answers the write here.
        await using var database = await new SqliteDatabases().CreateAsync(migrate: false);
        var db = database.Database;
        var other = new Database(new SqliteDialect(((SqliteDialect)db.Dialect).DatabasePath));
        await using (var c = await db.OpenAsync()) await c.ExecuteAsync("CREATE TABLE turns (n INTEGER NOT NULL)");
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = other.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO turns (n) VALUES (1)", transaction: tx);
            holding.SetResult();
            await release.Task;
        });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var write = Task.Run(async () =>
        {
            await using var c = await db.OpenAsync();
            await c.ExecuteAsync("INSERT INTO turns (n) VALUES (2)");
        });
        await Task.Delay(200);
        Assert.False(write.IsCompleted);
        release.SetResult();
        await holder;
        await write.WaitAsync(TimeSpan.FromSeconds(10));

        await using var read = await db.OpenAsync();
        Assert.Equal([1L, 2L], await read.QueryAsync<long>("SELECT n FROM turns ORDER BY n"));
    }
}
