using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Requests;

public sealed class RequestRepository(Database db)
{
    internal const string Columns =
        "id, service_id, requested_by, cores, region_id, internal_zone_ids, window_start, window_end, prewarm_lead, " +
        "budget_id, justification, survivable_share, state, committed_amount, actual_spend, decided_by, decision_comment, " +
        "failure_reason, created_at, updated_at, min_cores_per_unit";

    public async Task<IReadOnlyList<CoreQuotaRequest>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CoreQuotaRequest>($"SELECT {Columns} FROM core_quota_requests ORDER BY window_start DESC")).AsList();
    }

    /// <summary>Requests, newest window first, optionally of one state and one service (either filter may be null).</summary>
    public async Task<IReadOnlyList<CoreQuotaRequest>> ListAsync(RequestState? state, string? serviceId, CancellationToken ct)
    {
        var where = new List<string> { "1 = 1" };
        if (state is not null) where.Add("state = @state");
        if (serviceId is not null) where.Add("service_id = @serviceId");
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CoreQuotaRequest>(
            $"SELECT {Columns} FROM core_quota_requests WHERE {string.Join(" AND ", where)} ORDER BY window_start DESC",
            new { state = state?.ToString(), serviceId })).AsList();
    }

    /// <summary>One page of the requests the filter matches, newest window first, with the total.</summary>
    public async Task<Page<CoreQuotaRequest>> PageAsync(RequestFilter filter, PageRequest page, CancellationToken ct = default)
    {
        page.EnsureValid();
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.State is { } state) { where.Add("state = @state"); parameters.Add("state", state.ToString()); }
        if (filter.ServiceId is { } service) { where.Add("service_id = @serviceId"); parameters.Add("serviceId", service); }
        if (filter.BudgetId is { } budget) { where.Add("budget_id = @budgetId"); parameters.Add("budgetId", budget); }
        if (filter.RequestedBy is { } by) { where.Add("LOWER(requested_by) = @requestedBy"); parameters.Add("requestedBy", by.ToLowerInvariant()); }
        if (!string.IsNullOrWhiteSpace(filter.Search))
            where.Add(TextSearch.Clause(filter.Search, parameters, "region_id", "requested_by", "internal_zone_ids"));
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"core_quota_requests {clause}"), parameters);
        var items = (await c.QueryAsync<CoreQuotaRequest>(
            $"SELECT {Columns} FROM core_quota_requests {clause} ORDER BY window_start DESC, id LIMIT @limit OFFSET @offset", parameters)).AsList();
        return Page<CoreQuotaRequest>.Of(items, page, total);
    }

    /// <summary>The requests with these ids (the rows a live update touched), in no particular order.</summary>
    public async Task<IReadOnlyList<CoreQuotaRequest>> ListByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var parameters = new DynamicParameters();
        var list = SqlList.Of(ids, parameters);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CoreQuotaRequest>($"SELECT {Columns} FROM core_quota_requests WHERE id IN ({list})", parameters)).AsList();
    }

    public async Task<IReadOnlyList<CoreQuotaRequest>> ListInStatesAsync(IEnumerable<RequestState> states, CancellationToken ct = default)
    {
        // One parameter per state: Dapper hands Npgsql a list as one array parameter, and "IN $1" is
        // not valid PostgreSQL, while "= ANY(@states)" is not valid SQLite.
        var names = states.Select(s => s.ToString()).ToArray();
        var parameters = new DynamicParameters();
        for (var i = 0; i < names.Length; i++) parameters.Add($"s{i}", names[i]);
        var list = string.Join(", ", names.Select((_, i) => $"@s{i}"));
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CoreQuotaRequest>($"SELECT {Columns} FROM core_quota_requests WHERE state IN ({list}) ORDER BY window_start",
            parameters)).AsList();
    }

    /// <summary>
    /// One page of the requests in these states, earliest window first, with the total. For open states
    /// (the dashboard, on-call, the approval queue): it reads every request in them, never the history.
    /// </summary>
    public async Task<Page<CoreQuotaRequest>> PageInStatesAsync(IEnumerable<RequestState> states, PageRequest page, CancellationToken ct = default)
    {
        page.EnsureValid();
        var names = states.Select(s => s.ToString()).ToArray();
        var parameters = new DynamicParameters();
        for (var i = 0; i < names.Length; i++) parameters.Add($"s{i}", names[i]);
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        var list = string.Join(", ", names.Select((_, i) => $"@s{i}"));
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"core_quota_requests WHERE state IN ({list})"), parameters);
        // The rows in these (open) states first, then their order: asked for the earliest window with a
        // LIMIT, PostgreSQL walked ix_requests_window from the oldest request and filtered, reading every
        // finished request of the past before the first running one (issue 15: the dashboard took 4×
        // as long at 100× the history). MATERIALIZED keeps the planner from folding the two together.
        var items = (await c.QueryAsync<CoreQuotaRequest>(
            $"""
            WITH matching AS MATERIALIZED (SELECT {Columns} FROM core_quota_requests WHERE state IN ({list}))
            SELECT {Columns} FROM matching ORDER BY window_start, id LIMIT @limit OFFSET @offset
            """, parameters)).AsList();
        return Page<CoreQuotaRequest>.Of(items, page, total);
    }

    public async Task<CoreQuotaRequest> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CoreQuotaRequest>($"SELECT {Columns} FROM core_quota_requests WHERE id = @id", new { id })
            ?? throw new NotFoundException("Core-quota request", id.ToString());
    }

    public async Task<CoreQuotaRequest> GetForUpdateAsync(Guid id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<CoreQuotaRequest>(
            $"SELECT {Columns} FROM core_quota_requests WHERE id = @id{db.Dialect.ForUpdate}", new { id }, tx)
        ?? throw new NotFoundException("Core-quota request", id.ToString());

    public Task InsertAsync(CoreQuotaRequest r, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO core_quota_requests ({Columns})
            VALUES (@Id, @ServiceId, @RequestedBy, @Cores, @RegionId, @Zones, @WindowStart, @WindowEnd, @PrewarmLead,
                    @BudgetId, @Justification, @SurvivableShare, @StateText, @CommittedAmount, @ActualSpend, @DecidedBy,
                    @DecisionComment, @FailureReason, @CreatedAt, @UpdatedAt, @MinCoresPerUnit)
            """, Parameters(r), tx);

    public Task UpdateAsync(CoreQuotaRequest r, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            """
            UPDATE core_quota_requests SET state = @StateText, committed_amount = @CommittedAmount, actual_spend = @ActualSpend,
                decided_by = @DecidedBy, decision_comment = @DecisionComment, failure_reason = @FailureReason, updated_at = @UpdatedAt
            WHERE id = @Id
            """, Parameters(r), tx);

    private static object Parameters(CoreQuotaRequest r) => new
    {
        r.Id, r.ServiceId, r.RequestedBy, r.Cores, r.RegionId, Zones = IdList.Join(r.InternalZoneIds), r.WindowStart,
        r.WindowEnd, r.PrewarmLead, r.BudgetId, r.Justification, r.SurvivableShare, StateText = r.State.ToString(),
        r.CommittedAmount, r.ActualSpend, r.DecidedBy, r.DecisionComment, r.FailureReason, r.CreatedAt, r.UpdatedAt,
        r.MinCoresPerUnit,
    };
}
