using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Shares <see cref="LearnedStock"/> between instances on one PostgreSQL (table learned_stock): a
/// partial fulfilment seen by one instance holds every instance's plans to what that zone delivered,
/// the newest lesson per (member zone, instance type) winning. Without it another instance would
/// plan on the nominal category count and learn the same lesson from its own partial batch.
/// </summary>
public sealed class LearnedStockSync(SqlDialect dialect, LearnedStock learned, TimeProvider clock, ILogger<LearnedStockSync> logger)
    : SharedMemorySync(dialect, clock, logger)
{
    protected override string What => "the learned cloud stock";

    protected override async Task ExchangeAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (zone, type, units, at) in learned.Learned())
            await c.ExecuteAsync("""
                INSERT INTO learned_stock (member_zone_id, instance_type, units, learned_at) VALUES (@zone, @type, @units, @at)
                ON CONFLICT (member_zone_id, instance_type) DO UPDATE SET units = excluded.units, learned_at = excluded.learned_at
                WHERE learned_stock.learned_at < excluded.learned_at
                """, new { zone, type, units, at });
        var since = now - learned.RemembersFor;
        var shared = await c.QueryAsync<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset LearnedAt)>(
            "SELECT member_zone_id, instance_type, units, learned_at FROM learned_stock WHERE learned_at > @since", new { since });
        foreach (var (zone, type, units, at) in shared) learned.Adopt(zone, type, units, at);
        await c.ExecuteAsync("DELETE FROM learned_stock WHERE learned_at <= @since", new { since });
    }
}
