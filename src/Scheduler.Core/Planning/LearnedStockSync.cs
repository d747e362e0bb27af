using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Keeps <see cref="LearnedStock"/> in the database (tables learned_stock and stock_deliveries): on
/// PostgreSQL a partial fulfilment seen by one instance holds every instance's plans to what that
/// zone delivered, the newest lesson per (member zone, instance type) winning; on SQLite too, so a
/// restart does not forget what the zones delivered and plan on the assumed category count again
/// (issue 13). Without it another instance would plan on the nominal count and learn the same
/// lesson from its own partial batch.
/// </summary>
public sealed class LearnedStockSync(SqlDialect dialect, LearnedStock learned, TimeProvider clock, ILogger<LearnedStockSync> logger)
    : SharedMemorySync(dialect, clock, logger)
{
    protected override string What => "the learned cloud stock";

    protected override bool KeptOnSqlite => true;

    protected override async Task ExchangeAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (zone, type, units, at) in learned.Learned())
            await c.ExecuteAsync("""
                INSERT INTO learned_stock (member_zone_id, instance_type, units, learned_at) VALUES (@zone, @type, @units, @at)
                ON CONFLICT (member_zone_id, instance_type) DO UPDATE SET units = excluded.units, learned_at = excluded.learned_at
                WHERE learned_stock.learned_at < excluded.learned_at
                """, new { zone, type, units, at });
        foreach (var (zone, type, units, at) in learned.Deliveries())
            await c.ExecuteAsync("""
                INSERT INTO stock_deliveries (member_zone_id, instance_type, units, delivered_at) VALUES (@zone, @type, @units, @at)
                ON CONFLICT (member_zone_id, instance_type) DO UPDATE SET units = excluded.units, delivered_at = excluded.delivered_at
                WHERE stock_deliveries.delivered_at < excluded.delivered_at
                """, new { zone, type, units, at });
        var since = now - learned.RemembersFor;
        var shared = await c.QueryAsync<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset LearnedAt)>(
            "SELECT member_zone_id, instance_type, units, learned_at FROM learned_stock WHERE learned_at > @since", new { since });
        foreach (var (zone, type, units, at) in shared) learned.Adopt(zone, type, units, at);
        var delivered = await c.QueryAsync<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset DeliveredAt)>(
            "SELECT member_zone_id, instance_type, units, delivered_at FROM stock_deliveries WHERE delivered_at > @since", new { since });
        foreach (var (zone, type, units, at) in delivered) learned.AdoptDelivery(zone, type, units, at);
        await c.ExecuteAsync("DELETE FROM learned_stock WHERE learned_at <= @since", new { since });
        await c.ExecuteAsync("DELETE FROM stock_deliveries WHERE delivered_at <= @since", new { since });
    }
}
