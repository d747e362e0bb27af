using System.Data.Common;
using System.Text.Json;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Audit;

/// <summary>
/// Appends audit events inside the caller's transaction, so a state change and its record are
/// written together or not at all.
/// </summary>
public sealed class AuditLog(Database db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task AppendAsync(
        DbConnection c, DbTransaction tx, string actor, string entityType, string entityId, string action,
        object? before, object? after)
    {
        var e = new AuditEvent(Guid.NewGuid(), clock.GetUtcNow(), actor, entityType, entityId, action,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json));
        await c.ExecuteAsync(
            """
            INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after)
            VALUES (@Id, @At, @Actor, @EntityType, @EntityId, @Action, @Before, @After)
            """, e, tx);
    }

    /// <summary>One page of an entity's trail, oldest first (or newest first), with the total.</summary>
    public async Task<Page<AuditEvent>> PageAsync(string entityType, string entityId, PageRequest page, bool newestFirst = false, CancellationToken ct = default)
    {
        page.EnsureValid();
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(
            PageCount.CountedSql("audit_events WHERE entity_type = @entityType AND entity_id = @entityId"), new { entityType, entityId });
        // The page's seqs first, from ix_audit_entity alone, then only those rows (a "deferred join"): for
        // an entity holding a third of the trail PostgreSQL otherwise walked the primary key in order and
        // filtered, reading three rows for every one it kept (issue 15: 30,000 rows for a page at 10,000).
        var order = newestFirst ? "DESC" : "";
        var items = (await c.QueryAsync<AuditEvent>(
            $"""
            SELECT id, at, actor, entity_type, entity_id, action, before, after FROM audit_events
            WHERE seq IN (SELECT seq FROM audit_events WHERE entity_type = @entityType AND entity_id = @entityId
                          ORDER BY seq {order} LIMIT @limit OFFSET @offset)
            ORDER BY seq {order}
            """, new { entityType, entityId, limit = page.EffectiveSize, offset = page.Offset })).AsList();
        return Page<AuditEvent>.Of(items, page, total);
    }

    /// <summary>
    /// An entity's trail thinned to about <paramref name="maxEvents"/> events, oldest first, always with
    /// the newest: for charts of values the events carry after each change. A budget of a busy week
    /// had thousands of events, read and parsed on every render of its page (issue 16).
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> ListSampledAsync(string entityType, string entityId, int maxEvents, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_events WHERE entity_type = @entityType AND entity_id = @entityId", new { entityType, entityId });
        var every = Math.Max(1, (total + maxEvents - 1) / Math.Max(1, maxEvents));
        // Every k-th of this entity's events by position (a window function both dialects have), and the newest.
        return (await c.QueryAsync<AuditEvent>(
            """
            SELECT id, at, actor, entity_type, entity_id, action, before, after FROM (
                SELECT id, at, actor, entity_type, entity_id, action, before, after, seq,
                       ROW_NUMBER() OVER (ORDER BY seq) AS n, COUNT(*) OVER () AS total
                FROM audit_events WHERE entity_type = @entityType AND entity_id = @entityId) trail
            WHERE (n - 1) % @every = 0 OR n = total
            ORDER BY seq
            """, new { entityType, entityId, every })).AsList();
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string entityType, string entityId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AuditEvent>(
            """
            SELECT id, at, actor, entity_type, entity_id, action, before, after FROM audit_events
            WHERE entity_type = @entityType AND entity_id = @entityId ORDER BY seq
            """, new { entityType, entityId })).AsList();
    }
}
