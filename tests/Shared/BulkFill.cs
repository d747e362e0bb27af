using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scale;

/// <summary>
/// Adds many rows in a few statements the database generates itself (PostgreSQL generate_series,
/// SQLite a recursive CTE), so 100,000 audit events take about a second instead of the minutes of
/// row-by-row inserts. On top of a <see cref="ScaleFill"/>: a third of the audit events on its hot
/// request, a third on its hot budget, the rest spread over 997 quiet entities ("bulk-N"); three
/// quarters of the resources on the hot request (a fifth of all Released), the rest on another
/// holding request; budgets one a day back from <paramref name="start"/>.
/// </summary>
public static class BulkFill
{
    public static async Task AddAsync(Database db, ScaleFilled filled, int auditEvents, int resources, int budgets, DateTimeOffset start)
    {
        var postgres = db.Dialect.Provider == StorageProvider.Postgres;
        await using var c = await db.OpenAsync();
        var sample = await c.QuerySingleAsync<(string Provider, string MemberZoneId, string OfferingId, string InstanceType, long Cores)>(
            "SELECT provider, member_zone_id, offering_id, instance_type, cores FROM resources WHERE request_id = @hot LIMIT 1", new { hot = filled.HotRequest });
        var other = await c.QuerySingleAsync<Guid>(
            "SELECT request_id FROM resources WHERE request_id <> @hot ORDER BY request_id LIMIT 1", new { hot = filled.HotRequest });
        var args = new
        {
            auditEvents, resources, budgets, hotRequest = filled.HotRequest.ToString(), hotBudget = filled.HotBudget.ToString(),
            hot = filled.HotRequest, other, sample.Provider, sample.MemberZoneId, sample.OfferingId, sample.InstanceType, cores = (int)sample.Cores,
            after = "{\"State\":\"Active\"}", price = 1.67m, amount = 100_000m, zero = 0m, start, startText = start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var tx = await c.BeginTransactionAsync();
        foreach (var sql in postgres ? Postgres : Sqlite) await c.ExecuteAsync(sql, args, tx, commandTimeout: 300);
        await tx.CommitAsync();
        // Fresh statistics and visibility map, as autovacuum would leave them after a bulk load: without
        // them the planner takes the freshly loaded tables for unvacuumed heaps and counts by scanning them.
        if (postgres) await c.ExecuteAsync("VACUUM ANALYZE audit_events, resources, budgets, core_quota_requests");
    }

    /// <summary>
    /// The admin page's catalogues at a platform's size: services ("bulk-svc-N"), users ("bulk-user-N")
    /// and API keys of those users a second apart back from <paramref name="start"/>, five in six revoked (as
    /// they pile up: a key is rotated, not edited).
    /// </summary>
    public static async Task AddCatalogueAsync(Database db, int services, int users, int apiKeys, DateTimeOffset start)
    {
        var postgres = db.Dialect.Provider == StorageProvider.Postgres;
        await using var c = await db.OpenAsync();
        var args = new
        {
            services, users, apiKeys, start,
            startText = start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var tx = await c.BeginTransactionAsync();
        foreach (var sql in postgres ? PostgresCatalogue : SqliteCatalogue) await c.ExecuteAsync(sql, args, tx, commandTimeout: 300);
        await tx.CommitAsync();
        if (postgres) await c.ExecuteAsync("VACUUM ANALYZE services, users, api_keys");
    }

    private const string PgId = "(lpad(to_hex(g), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid";
    private const string PgCatalogueId = "(lpad(to_hex(g), 8, '0') || '-0000-4000-c000-' || lpad(to_hex(g), 12, '0'))::uuid";

    private static readonly string[] PostgresCatalogue =
    [
        """
        INSERT INTO services (id, name, owner_team, cost_center, tier, cloud_allowed, allowed_internal_zone_ids, min_cores_per_unit)
        SELECT 'bulk-svc-' || g, 'Bulk service ' || lpad(g::text, 6, '0'), 'team-' || (g % 40), 'CC-BULK-' || (g % 50), 'Stateless', g % 2 = 0, '', 0
        FROM generate_series(1, @services) AS g
        """,
        $"""
        INSERT INTO users (id, user_name, display_name, team, roles, password_hash, created_at, disabled)
        SELECT {PgCatalogueId}, 'bulk-user-' || g, 'Bulk User ' || g, 'team-' || (g % 40), 'Viewer', 'not-a-hash', @start, g % 7 = 0
        FROM generate_series(1, @users) AS g
        """,
        $"""
        INSERT INTO api_keys (id, name, team, roles, key_hash, prefix, created_by, created_at, revoked_by, revoked_at, user_name)
        SELECT {PgCatalogueId}, 'bulk-key-' || g, 'team-' || (g % 40), 'Viewer', 'bulk-hash-' || g, 'cck_' || lpad(g::text, 6, '0'), 'admin',
               @start - g * interval '1 second', CASE WHEN g % 6 <> 0 THEN 'admin' END, CASE WHEN g % 6 <> 0 THEN @start END, 'bulk-user-' || (g % @users + 1)
        FROM generate_series(1, @apiKeys) AS g
        """,
    ];

    private static readonly string[] SqliteCatalogue =
    [
        string.Format(SqliteSeries, "@services") + """

        INSERT INTO services (id, name, owner_team, cost_center, tier, cloud_allowed, allowed_internal_zone_ids, min_cores_per_unit)
        SELECT 'bulk-svc-' || g, 'Bulk service ' || printf('%06d', g), 'team-' || (g % 40), 'CC-BULK-' || (g % 50), 'Stateless', g % 2 = 0, '', 0
        FROM s
        """,
        string.Format(SqliteSeries, "@users") + $"""

        INSERT INTO users (id, user_name, display_name, team, roles, password_hash, created_at, disabled)
        SELECT printf('%08x-0000-4000-c000-%012x', g, g), 'bulk-user-' || g, 'Bulk User ' || g, 'team-' || (g % 40), 'Viewer', 'not-a-hash',
               {SqliteStart}, g % 7 = 0
        FROM s
        """,
        string.Format(SqliteSeries, "@apiKeys") + $"""

        INSERT INTO api_keys (id, name, team, roles, key_hash, prefix, created_by, created_at, revoked_by, revoked_at, user_name)
        SELECT printf('%08x-0000-4000-c000-%012x', g, g), 'bulk-key-' || g, 'team-' || (g % 40), 'Viewer', 'bulk-hash-' || g, 'cck_' || printf('%06d', g), 'admin',
               {string.Format(SqliteAt, "-", "seconds")}, CASE WHEN g % 6 <> 0 THEN 'admin' END,
               CASE WHEN g % 6 <> 0 THEN {SqliteStart} END, 'bulk-user-' || (g % @users + 1)
        FROM s
        """,
    ];

    private static readonly string[] Postgres =
    [
        $"""
        INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after)
        SELECT {PgId}, @start + g * interval '1 second', 'planner',
               CASE WHEN g % 3 = 1 THEN 'Budget' ELSE 'CoreQuotaRequest' END,
               CASE g % 3 WHEN 0 THEN @hotRequest WHEN 1 THEN @hotBudget ELSE 'bulk-' || (g % 997) END,
               'Bulk fill', NULL, @after
        FROM generate_series(1, @auditEvents) AS g
        """,
        """
        INSERT INTO resources (id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour)
        SELECT 'i-bulk' || lpad(g::text, 7, '0'), @Provider, @MemberZoneId, @OfferingId, @InstanceType, @cores,
               CASE WHEN g % 4 = 0 THEN @other ELSE @hot END, NULL, CASE WHEN g % 5 = 0 THEN 'Released' ELSE 'Running' END,
               @start + g * interval '1 second', NULL, NULL, @price
        FROM generate_series(1, @resources) AS g
        """,
        $"""
        INSERT INTO budgets (id, name, cost_center, event_name, amount, period_start, period_end, state, committed, actual,
                             created_by, submitted_by, decided_by, decision_comment, created_at, updated_at)
        SELECT {PgId}, 'Bulk budget ' || g, 'cc-bulk-' || (g % 50), NULL, @amount, @start - g * interval '1 day', @start - g * interval '1 day' + interval '30 days',
               CASE WHEN g % 2 = 0 THEN 'Approved' ELSE 'Closed' END, @zero, @zero, 'planner', NULL, NULL, NULL, @start, @start
        FROM generate_series(1, @budgets) AS g
        """,
    ];

    private const string SqliteSeries = "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {0})";
    private const string SqliteId = "printf('%08x-0000-4000-8000-%012x', g, g)";
    private const string SqliteAt = "strftime('%Y-%m-%dT%H:%M:%S', @startText, '{0}' || g || ' {1}') || '.0000000+00:00'";
    private const string SqliteStart = "strftime('%Y-%m-%dT%H:%M:%S', @startText) || '.0000000+00:00'";

    private static readonly string[] Sqlite =
    [
        string.Format(SqliteSeries, "@auditEvents") + $"""

        INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after)
        SELECT {SqliteId}, {string.Format(SqliteAt, "+", "seconds")}, 'planner',
               CASE WHEN g % 3 = 1 THEN 'Budget' ELSE 'CoreQuotaRequest' END,
               CASE g % 3 WHEN 0 THEN @hotRequest WHEN 1 THEN @hotBudget ELSE 'bulk-' || (g % 997) END,
               'Bulk fill', NULL, @after
        FROM s
        """,
        string.Format(SqliteSeries, "@resources") + $"""

        INSERT INTO resources (id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour)
        SELECT 'i-bulk' || printf('%07d', g), @Provider, @MemberZoneId, @OfferingId, @InstanceType, @cores,
               CASE WHEN g % 4 = 0 THEN @other ELSE @hot END, NULL, CASE WHEN g % 5 = 0 THEN 'Released' ELSE 'Running' END,
               {string.Format(SqliteAt, "+", "seconds")}, NULL, NULL, @price
        FROM s
        """,
        string.Format(SqliteSeries, "@budgets") + $"""

        INSERT INTO budgets (id, name, cost_center, event_name, amount, period_start, period_end, state, committed, actual,
                             created_by, submitted_by, decided_by, decision_comment, created_at, updated_at)
        SELECT {SqliteId}, 'Bulk budget ' || g, 'cc-bulk-' || (g % 50), NULL, @amount, {string.Format(SqliteAt, "-", "days")},
               {string.Format(SqliteAt, "-", "days")}, CASE WHEN g % 2 = 0 THEN 'Approved' ELSE 'Closed' END, @zero, @zero, 'planner', NULL, NULL, NULL,
               @start, @start
        FROM s
        """,
    ];
}

/// <summary>
/// History that no page shows by default, multiplied: finished (Released) requests with windows in
/// the past, their released resources, their audit trail, one plan (of one allocation) each and older
/// capacity samples. Copied from a
/// template row of each table (so every column type is right on both databases) by statements the
/// database generates itself; the live state — live resources, open and waiting requests — is not
/// touched, so a pass that grows with it is reading history.
/// </summary>
public static class HistoryFill
{
    public static async Task AddAsync(Database db, int requests, int resources, int auditEvents, int sampleMinutes, DateTimeOffset now)
    {
        if (requests <= 0 && sampleMinutes <= 0) return;
        var postgres = db.Dialect.Provider == StorageProvider.Postgres;
        await using var c = await db.OpenAsync();
        var args = new { requests, resources, auditEvents, sampleMinutes, now, nowText = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };
        await using var tx = await c.BeginTransactionAsync();
        // No requests: only the samples (1× has its hour of samples and no other history).
        foreach (var sql in (postgres ? Postgres : Sqlite).Where(sql => requests > 0 || sql.Contains("INSERT INTO capacity_samples", StringComparison.Ordinal)))
            await c.ExecuteAsync(sql, args, tx, commandTimeout: 600);
        await tx.CommitAsync();
        if (postgres) await c.ExecuteAsync("VACUUM ANALYZE core_quota_requests, resources, audit_events, capacity_samples, plans, allocations", commandTimeout: 600);
    }

    private const string PgRequestId = "('00000000-0000-4000-9000-' || lpad(to_hex({0}), 12, '0'))::uuid";
    private const string SqliteRequestId = "printf('00000000-0000-4000-9000-%012x', {0})";
    private const string PgPlanId = "('00000000-0000-4000-b000-' || lpad(to_hex({0}), 12, '0'))::uuid";
    private const string SqlitePlanId = "printf('00000000-0000-4000-b000-%012x', {0})";

    private static readonly string[] Postgres =
    [
        $"""
        INSERT INTO core_quota_requests (id, service_id, requested_by, cores, region_id, internal_zone_ids, window_start, window_end, prewarm_lead,
            budget_id, justification, survivable_share, state, committed_amount, actual_spend, decided_by, decision_comment, failure_reason, created_at, updated_at)
        SELECT {string.Format(PgRequestId, "g")}, t.service_id, t.requested_by, t.cores, t.region_id, t.internal_zone_ids,
               @now - interval '1 day' - g * interval '5 minutes', @now - interval '1 day' - g * interval '5 minutes' + interval '4 hours', t.prewarm_lead,
               t.budget_id, 'History fill', t.survivable_share, 'Released', t.committed_amount, t.actual_spend, NULL, NULL, NULL, t.created_at, t.updated_at
        FROM generate_series(1, @requests) AS g, (SELECT * FROM core_quota_requests ORDER BY id LIMIT 1) AS t
        """,
        $"""
        INSERT INTO resources (id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour)
        SELECT 'i-hist' || lpad(g::text, 8, '0'), t.provider, t.member_zone_id, t.offering_id, t.instance_type, t.cores,
               {string.Format(PgRequestId, "(g % @requests) + 1")}, NULL, 'Released', t.created_at, t.running_at, COALESCE(t.released_at, t.created_at), t.price_per_hour
        FROM generate_series(1, @resources) AS g, (SELECT * FROM resources ORDER BY id LIMIT 1) AS t
        """,
        $"""
        INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after)
        SELECT (lpad(to_hex(g), 8, '0') || '-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, t.at, t.actor, 'CoreQuotaRequest',
               {string.Format(PgRequestId, "(g % @requests) + 1")}::text, 'History fill', NULL, t.after
        FROM generate_series(1, @auditEvents) AS g, (SELECT * FROM audit_events ORDER BY seq LIMIT 1) AS t
        """,
        """
        INSERT INTO capacity_samples (internal_zone_id, provider, at, total_cores, allocated_cores, used_cores)
        SELECT z.internal_zone_id, z.provider, @now - g * interval '1 minute', 1000, 500, 400
        FROM generate_series(1, @sampleMinutes) AS g, (SELECT DISTINCT internal_zone_id, provider FROM member_zones) AS z
        """,
        $"""
        INSERT INTO plans (id, request_id, shortfall_cores, shortfall_reason, estimated_total, created_at)
        SELECT {string.Format(PgPlanId, "g")}, {string.Format(PgRequestId, "g")}, t.shortfall_cores, t.shortfall_reason, t.estimated_total, t.created_at
        FROM generate_series(1, @requests) AS g, (SELECT * FROM plans ORDER BY id LIMIT 1) AS t
        """,
        $"""
        INSERT INTO allocations (plan_id, line, internal_zone_id, member_zone_id, provider, offering_id, instance_type, units, cores, cost_per_hour)
        SELECT {string.Format(PgPlanId, "g")}, t.line, t.internal_zone_id, t.member_zone_id, t.provider, t.offering_id, t.instance_type, t.units, t.cores, t.cost_per_hour
        FROM generate_series(1, @requests) AS g, (SELECT * FROM allocations ORDER BY plan_id, line LIMIT 1) AS t
        """,
    ];

    private const string Series = "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {0})\n";
    private const string SqliteAt = "strftime('%Y-%m-%dT%H:%M:%S', @nowText, {0}) || '.0000000+00:00'";

    private static readonly string[] Sqlite =
    [
        string.Format(Series, "@requests") + $"""
        INSERT INTO core_quota_requests (id, service_id, requested_by, cores, region_id, internal_zone_ids, window_start, window_end, prewarm_lead,
            budget_id, justification, survivable_share, state, committed_amount, actual_spend, decided_by, decision_comment, failure_reason, created_at, updated_at)
        SELECT {string.Format(SqliteRequestId, "g")}, t.service_id, t.requested_by, t.cores, t.region_id, t.internal_zone_ids,
               {string.Format(SqliteAt, "'-1 day', '-' || (g * 5) || ' minutes'")}, {string.Format(SqliteAt, "'-1 day', '-' || (g * 5) || ' minutes', '+4 hours'")}, t.prewarm_lead,
               t.budget_id, 'History fill', t.survivable_share, 'Released', t.committed_amount, t.actual_spend, NULL, NULL, NULL, t.created_at, t.updated_at
        FROM s, (SELECT * FROM core_quota_requests ORDER BY id LIMIT 1) AS t
        """,
        string.Format(Series, "@resources") + $"""
        INSERT INTO resources (id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour)
        SELECT 'i-hist' || printf('%08d', g), t.provider, t.member_zone_id, t.offering_id, t.instance_type, t.cores,
               {string.Format(SqliteRequestId, "(g % @requests) + 1")}, NULL, 'Released', t.created_at, t.running_at, COALESCE(t.released_at, t.created_at), t.price_per_hour
        FROM s, (SELECT * FROM resources ORDER BY id LIMIT 1) AS t
        """,
        string.Format(Series, "@auditEvents") + $"""
        INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after)
        SELECT printf('%08x-0000-4000-a000-%012x', g, g), t.at, t.actor, 'CoreQuotaRequest', {string.Format(SqliteRequestId, "(g % @requests) + 1")},
               'History fill', NULL, t.after
        FROM s, (SELECT * FROM audit_events ORDER BY seq LIMIT 1) AS t
        """,
        string.Format(Series, "@sampleMinutes") + $"""
        INSERT INTO capacity_samples (internal_zone_id, provider, at, total_cores, allocated_cores, used_cores)
        SELECT z.internal_zone_id, z.provider, {string.Format(SqliteAt, "'-' || g || ' minutes'")}, 1000, 500, 400
        FROM s, (SELECT DISTINCT internal_zone_id, provider FROM member_zones) AS z
        """,
        string.Format(Series, "@requests") + $"""
        INSERT INTO plans (id, request_id, shortfall_cores, shortfall_reason, estimated_total, created_at)
        SELECT {string.Format(SqlitePlanId, "g")}, {string.Format(SqliteRequestId, "g")}, t.shortfall_cores, t.shortfall_reason, t.estimated_total, t.created_at
        FROM s, (SELECT * FROM plans ORDER BY id LIMIT 1) AS t
        """,
        string.Format(Series, "@requests") + $"""
        INSERT INTO allocations (plan_id, line, internal_zone_id, member_zone_id, provider, offering_id, instance_type, units, cores, cost_per_hour)
        SELECT {string.Format(SqlitePlanId, "g")}, t.line, t.internal_zone_id, t.member_zone_id, t.provider, t.offering_id, t.instance_type, t.units, t.cores, t.cost_per_hour
        FROM s, (SELECT * FROM allocations ORDER BY plan_id, line LIMIT 1) AS t
        """,
    ];
}
