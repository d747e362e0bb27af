using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Topology;

/// <summary>Reads and writes zone health inside the caller's transaction (a health change and its audit event go together).</summary>
public sealed class ZoneHealthStore(Database db)
{
    public async Task<InternalZone?> GetInternalZoneForUpdateAsync(string id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<InternalZone>(
            $"SELECT id, region_id, name, health, health_reason, health_changed_at FROM internal_zones WHERE id = @id{db.Dialect.ForUpdate}",
            new { id }, tx);

    public async Task<MemberZone?> GetMemberZoneForUpdateAsync(string id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<MemberZone>(
            $"SELECT id, internal_zone_id, provider, name, health, health_reason, health_changed_at FROM member_zones WHERE id = @id{db.Dialect.ForUpdate}",
            new { id }, tx);

    public Task SetInternalZoneHealthAsync(string id, ZoneHealth health, string reason, DateTimeOffset at, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE internal_zones SET health = @health, health_reason = @reason, health_changed_at = @at WHERE id = @id",
            new { id, health = health.ToString(), reason, at }, tx);

    public Task SetMemberZoneHealthAsync(string id, ZoneHealth health, string reason, DateTimeOffset at, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE member_zones SET health = @health, health_reason = @reason, health_changed_at = @at WHERE id = @id",
            new { id, health = health.ToString(), reason, at }, tx);
}
