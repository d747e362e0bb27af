using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The loop behind sharing an in-process planner memory between instances on one PostgreSQL: one
/// exchange every <see cref="Interval"/>, a failure logged once until an exchange works again. On
/// SQLite (one process) it does nothing, unless the memory must outlive a restart (<see cref="KeptOnSqlite"/>).
/// </summary>
public abstract class SharedMemorySync(SqlDialect dialect, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>How stale another instance's knowledge may be here.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>What is shared, for the log line ("the stock-out memory").</summary>
    protected abstract string What { get; }

    /// <summary>Whether the memory is worth keeping across restarts of the one SQLite process too (learned stock is, issue 13).</summary>
    protected virtual bool KeptOnSqlite => false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (dialect is not PostgresDialect && !KeptOnSqlite) return;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncOnceAsync(stoppingToken);
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!failing) logger.LogWarning("Sharing {What} with the other instances failed ({Error}); retrying.", What, e.Message);
                failing = true;
            }
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One exchange: publish what this instance knows, take in what the others do.</summary>
    public async Task SyncOnceAsync(CancellationToken ct = default)
    {
        if (dialect is PostgresDialect pg)
        {
            await using var shared = await pg.DataSource.OpenConnectionAsync(ct);
            await ExchangeAsync(shared, clock.GetUtcNow(), ct);
            return;
        }
        if (!KeptOnSqlite) return;
        await using var c = dialect.CreateConnection();
        await c.OpenAsync(ct);
        await ExchangeAsync(c, clock.GetUtcNow(), ct);
    }

    protected abstract Task ExchangeAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct);
}
