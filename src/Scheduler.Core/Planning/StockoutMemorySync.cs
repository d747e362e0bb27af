using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Shares the in-process <see cref="StockoutMemory"/> between instances on one PostgreSQL: every few
/// seconds this instance's remembered stock-outs are written to the stockouts table (with their
/// expiry) and the other instances' are read back into its memory. Without it an instance that has
/// not seen a stock-out tries that family once more and learns it from the same error — harmless,
/// but one wasted call per instance. On SQLite (one process) it does nothing.
/// </summary>
public sealed class StockoutMemorySync(SqlDialect dialect, StockoutMemory memory, TimeProvider clock, ILogger<StockoutMemorySync> logger)
    : BackgroundService
{
    /// <summary>How stale another instance's stock-out may be here; it also bounds how much longer than its TTL one is kept.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

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
                if (!failing) logger.LogWarning("Sharing the stock-out memory with the other instances failed ({Error}); retrying.", e.Message);
                failing = true;
            }
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One exchange: publish what this instance remembers, take in what the others do.</summary>
    public async Task SyncOnceAsync(CancellationToken ct = default)
    {
        if (dialect is not PostgresDialect pg) return;
        var now = clock.GetUtcNow();
        await using var c = await pg.DataSource.OpenConnectionAsync(ct);
        // A row still in force is left alone, so re-publishing a shared stock-out never extends it.
        foreach (var key in memory.ActiveAt(now))
            await c.ExecuteAsync("""
                INSERT INTO stockouts (provider, member_zone_id, family, until) VALUES (@provider, @zone, @family, @until)
                ON CONFLICT (provider, member_zone_id, family) DO UPDATE SET until = excluded.until WHERE stockouts.until <= @now
                """, new { provider = key.Provider.ToString(), zone = key.MemberZoneId, family = key.Family, until = now + memory.RemembersFor, now });
        var shared = await c.QueryAsync<(string Provider, string MemberZoneId, string Family, DateTimeOffset Until)>(
            "SELECT provider, member_zone_id, family, until FROM stockouts WHERE until > @now", new { now });
        foreach (var (provider, zone, family, until) in shared)
            if (Enum.TryParse<ProviderKind>(provider, out var kind)) memory.Record(kind, zone, family, until - memory.RemembersFor);
        await c.ExecuteAsync("DELETE FROM stockouts WHERE until <= @old", new { old = now - TimeSpan.FromHours(1) });
    }
}
