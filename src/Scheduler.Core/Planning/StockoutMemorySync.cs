using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;
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
    : SharedMemorySync(dialect, clock, logger)
{
    protected override string What => "the stock-out memory";

    protected override async Task ExchangeAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct)
    {
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
