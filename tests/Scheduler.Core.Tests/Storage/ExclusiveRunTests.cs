using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>The lock the reconciler, pre-warm, release and failover jobs run under: one run at a time, the others skip.</summary>
public sealed class ExclusiveRunTests
{
    private const long Key = 0x7465_7374_6C6F_636B;

    [Fact]
    public async Task OnPostgres_ASecondRunWhileTheFirstHoldsTheLock_IsSkipped_AndTheLockIsFreeAfterwards()
    {
        await using var database = await new PostgresDatabases().CreateAsync();
        // Two "instances": two data sources, so two sessions, as two processes would have.
        var connectionString = ((PostgresDialect)database.Database.Dialect).DataSource.ConnectionString;
        await using var other = Npgsql.NpgsqlDataSource.Create(connectionString);
        var a = new ExclusiveRun(database.Database.Dialect);
        var b = new ExclusiveRun(new PostgresDialect(other));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = a.TryRunAsync(Key, async () => { holding.SetResult(); await release.Task; });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var ranSecond = false;
        var second = await b.TryRunAsync(Key, () => { ranSecond = true; return Task.CompletedTask; });
        release.SetResult();

        Assert.True(await first);
        Assert.False(second);
        Assert.False(ranSecond);
        Assert.True(await b.TryRunAsync(Key, () => Task.CompletedTask)); // released with the first run
    }

    [Fact]
    public async Task OnPostgres_TheLockIsReleased_WhenTheWorkThrows()
    {
        await using var database = await new PostgresDatabases().CreateAsync();
        var run = new ExclusiveRun(database.Database.Dialect);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.TryRunAsync(Key, () => throw new InvalidOperationException("boom")));

        Assert.True(await run.TryRunAsync(Key, () => Task.CompletedTask));
    }

    [Fact]
    public async Task OnPostgres_ALockWhoseSessionDied_IsFreeAtOnce_AndTheRunKeepsItsOwnOutcome()
    {
        // A server restart cuts every session: the lock must go with it, not wait for a timeout as Hangfire's lock rows do.
        await using var database = await new PostgresDatabases().CreateAsync();
        var connectionString = ((PostgresDialect)database.Database.Dialect).DataSource.ConnectionString;
        await using var other = Npgsql.NpgsqlDataSource.Create(connectionString);
        var a = new ExclusiveRun(database.Database.Dialect);
        var b = new ExclusiveRun(new PostgresDialect(other));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var first = a.TryRunAsync(Key, async () => { holding.SetResult(); await release.Task; });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await using (var kill = other.CreateCommand(
            // This test's own database only (other tests hold advisory locks in theirs); wait until the backend is gone.
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        Assert.True(await b.TryRunAsync(Key, () => Task.CompletedTask));
        release.SetResult();

        Assert.True(await first); // its unlock found the session gone: the work's own outcome stands
    }

    [Fact]
    public async Task OnSqlite_TheWorkRuns_AndASecondRunAtTheSameTime_IsSkipped()
    {
        await using var database = await new SqliteDatabases().CreateAsync();
        var run = new ExclusiveRun(database.Database.Dialect);
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = run.TryRunAsync(Key, async () => { holding.SetResult(); await release.Task; });
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var ranSecond = false;
        var second = await run.TryRunAsync(Key, () => { ranSecond = true; return Task.CompletedTask; });
        var other = await run.TryRunAsync(Key + 1, () => Task.CompletedTask);
        release.SetResult();

        Assert.True(await first);
        Assert.False(second);
        Assert.False(ranSecond);
        Assert.True(other); // another key is another lock
        Assert.True(await run.TryRunAsync(Key, () => Task.CompletedTask)); // free again afterwards
    }

    [Fact]
    public void KeyFor_IsStable_AndDiffersPerWorkAndId()
    {
        var id = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
        Assert.Equal(ExclusiveRun.KeyFor("prewarm", id), ExclusiveRun.KeyFor("prewarm", id));
        Assert.NotEqual(ExclusiveRun.KeyFor("prewarm", id), ExclusiveRun.KeyFor("release", id));
        Assert.NotEqual(ExclusiveRun.KeyFor("prewarm", id), ExclusiveRun.KeyFor("prewarm", Guid.NewGuid()));
    }
}
