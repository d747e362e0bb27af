using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Requests;

public sealed class RequestRepository(Database db)
{
    private const string Columns =
        "id, service_id, requested_by, cores, region_id, internal_zone_ids, window_start, window_end, prewarm_lead, " +
        "budget_id, justification, survivable_share, state, committed_amount, actual_spend, decided_by, decision_comment, " +
        "failure_reason, created_at, updated_at";

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
                    @DecisionComment, @FailureReason, @CreatedAt, @UpdatedAt)
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
    };
}
