using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The loop behind sharing an in-process planner memory between instances on one PostgreSQL: one
/// exchange every <see cref="Interval"/>, a failure logged once until an exchange works again. On
/// SQLite (one process) it does nothing.
/// </summary>
public abstract class SharedMemorySync(SqlDialect dialect, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>How stale another instance's knowledge may be here.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>What is shared, for the log line ("the stock-out memory").</summary>
    protected abstract string What { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (dialect is not PostgresDialect) return;
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
        if (dialect is not PostgresDialect pg) return;
        await using var c = await pg.DataSource.OpenConnectionAsync(ct);
        await ExchangeAsync(c, clock.GetUtcNow(), ct);
    }

    protected abstract Task ExchangeAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct);
}
