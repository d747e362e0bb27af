using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>The advisory lock the reconciler's job runs under: one instance at a time, the others skip.</summary>
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
    public async Task OnSqlite_TheWorkJustRuns()
    {
        await using var database = await new SqliteDatabases().CreateAsync();
        var ran = false;

        Assert.True(await new ExclusiveRun(database.Database.Dialect).TryRunAsync(Key, () => { ran = true; return Task.CompletedTask; }));
        Assert.True(ran);
    }
}
