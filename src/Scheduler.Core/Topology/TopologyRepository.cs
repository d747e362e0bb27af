using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Topology;

public sealed class TopologyRepository(Database db)
{
    public async Task<TopologySnapshot> GetSnapshotAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var regions = await c.QueryAsync<Region>("SELECT id, name FROM regions ORDER BY id");
        var internalZones = await c.QueryAsync<InternalZone>(
            "SELECT id, region_id, name, health, health_reason, health_changed_at FROM internal_zones ORDER BY id");
        var memberZones = await c.QueryAsync<MemberZone>(
            "SELECT id, internal_zone_id, provider, name, health, health_reason, health_changed_at FROM member_zones ORDER BY id");
        var offerings = await c.QueryAsync<Offering>(
            """
            SELECT id, member_zone_id, provider, instance_type, family, cores_per_unit, price_per_hour, stock, stock_kind, stock_category, refreshed_at
            FROM offerings ORDER BY id
            """);
        var zones = internalZones.AsList();
        return new TopologySnapshot(regions.AsList(), zones, EffectiveHealth.Apply(zones, memberZones.AsList()), offerings.AsList());
    }

    /// <summary>Inserts what is not there yet and leaves existing rows alone (idempotent seeding).</summary>
    public async Task AddMissingAsync(TopologySnapshot topology, DbConnection c, DbTransaction tx)
    {
        await c.ExecuteAsync("INSERT INTO regions (id, name) VALUES (@Id, @Name) ON CONFLICT (id) DO NOTHING",
            topology.Regions, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO internal_zones (id, region_id, name, health, health_reason, health_changed_at)
            VALUES (@Id, @RegionId, @Name, @HealthText, @HealthReason, @HealthChangedAt) ON CONFLICT (id) DO NOTHING
            """,
            topology.InternalZones.Select(z => new { z.Id, z.RegionId, z.Name, HealthText = z.Health.ToString(), z.HealthReason, z.HealthChangedAt }), tx);
        await c.ExecuteAsync(
            """
            INSERT INTO member_zones (id, internal_zone_id, provider, name, health)
            VALUES (@Id, @InternalZoneId, @ProviderText, @Name, @HealthText) ON CONFLICT (id) DO NOTHING
            """,
            topology.MemberZones.Select(z => new { z.Id, z.InternalZoneId, ProviderText = z.Provider.ToString(), z.Name, HealthText = z.Health.ToString() }), tx);
        await UpsertOfferingsAsync(topology.Offerings, c, tx, overwrite: false);
    }

    /// <summary>Writes offerings from a stock and price refresh: stock, price and time replace the old values.</summary>
    public async Task UpsertOfferingsAsync(IEnumerable<Offering> offerings, CancellationToken ct = default) =>
        await db.InTransactionAsync((c, tx) => UpsertOfferingsAsync(offerings, c, tx, overwrite: true), ct);

    private static Task UpsertOfferingsAsync(IEnumerable<Offering> offerings, DbConnection c, DbTransaction tx, bool overwrite) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO offerings (id, member_zone_id, provider, instance_type, family, cores_per_unit, price_per_hour, stock, stock_kind, stock_category, refreshed_at)
            VALUES (@Id, @MemberZoneId, @ProviderText, @InstanceType, @Family, @CoresPerUnit, @PricePerHour, @Stock, @StockKindText, @StockCategoryText, @RefreshedAt)
            ON CONFLICT (id) DO {(overwrite
                ? "UPDATE SET price_per_hour = excluded.price_per_hour, stock = excluded.stock, stock_kind = excluded.stock_kind, stock_category = excluded.stock_category, refreshed_at = excluded.refreshed_at"
                : "NOTHING")}
            """,
            offerings.Select(o => new
            {
                o.Id, o.MemberZoneId, ProviderText = o.Provider.ToString(), o.InstanceType, o.Family,
                o.CoresPerUnit, o.PricePerHour, o.Stock, StockKindText = o.StockKind.ToString(), StockCategoryText = o.StockCategory?.ToString(), o.RefreshedAt,
            }), tx);
}
