using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Budgets;

public sealed class BudgetRepository(Database db)
{
    private const string Columns =
        "id, name, cost_center, event_name, amount, period_start, period_end, state, committed, actual, " +
        "created_by, submitted_by, decided_by, decision_comment, created_at, updated_at";

    /// <summary>
    /// The budgets a new request can be charged to (Approved), newest period first: what the request
    /// forms offer, without reading the closed and rejected ones that pile up with every event.
    /// </summary>
    /// <summary>
    /// What a new request may be charged to: approved budgets whose period has not ended (a request's
    /// window must lie within its budget's period, so an ended one could only be refused), newest first.
    /// Bounded by the events under way, however many past events' budgets stay approved.
    /// </summary>
    public async Task<IReadOnlyList<Budget>> ListChargeableAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Budget>($"SELECT {Columns} FROM budgets WHERE state = @state AND period_end > @now ORDER BY period_start DESC, name",
            new { state = nameof(BudgetState.Approved), now })).AsList();
    }

    /// <summary>The budgets with these ids (those a set of requests is charged to), in no particular order.</summary>
    public async Task<IReadOnlyList<Budget>> ListByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var parameters = new DynamicParameters();
        var list = SqlList.Of(ids, parameters);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Budget>($"SELECT {Columns} FROM budgets WHERE id IN ({list})", parameters)).AsList();
    }

    /// <summary>One page of the budgets the filter matches, newest period first, with the total (issue 15: every list pages).</summary>
    public async Task<Page<Budget>> PageAsync(BudgetFilter filter, PageRequest page, CancellationToken ct = default)
    {
        page.EnsureValid();
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.State is { } state) { where.Add("state = @state"); parameters.Add("state", state.ToString()); }
        if (!string.IsNullOrWhiteSpace(filter.Search))
            where.Add(TextSearch.Clause(filter.Search, parameters, "name", "cost_center", "COALESCE(event_name, '')"));
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"budgets {clause}"), parameters);
        var items = (await c.QueryAsync<Budget>(
            $"SELECT {Columns} FROM budgets {clause} ORDER BY period_start DESC, name, id LIMIT @limit OFFSET @offset", parameters)).AsList();
        return Page<Budget>.Of(items, page, total);
    }

    public async Task<Budget> GetAsync(Guid id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new NotFoundException("Budget", id.ToString());

    public async Task<Budget?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Budget>($"SELECT {Columns} FROM budgets WHERE id = @id", new { id });
    }

    /// <summary>Reads a budget the transaction is about to change, locking its row where the dialect can.</summary>
    public async Task<Budget> GetForUpdateAsync(Guid id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<Budget>(
            $"SELECT {Columns} FROM budgets WHERE id = @id{db.Dialect.ForUpdate}", new { id }, tx)
        ?? throw new NotFoundException("Budget", id.ToString());

    /// <summary>The requests that hold money on the budget, inside the caller's transaction (see <see cref="BudgetHolders"/>).</summary>
    public async Task<BudgetHolders> HoldersAsync(Guid id, DbConnection c, DbTransaction tx)
    {
        var holding = $"budget_id = @id AND state IN ({string.Join(", ", BudgetHolders.HoldingStates.Select(s => $"'{s}'"))})";
        var count = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM core_quota_requests WHERE {holding}", new { id }, tx);
        if (count == 0) return BudgetHolders.None;
        var first = await c.QueryAsync<HolderRow>(
            $"SELECT id AS RequestId, service_id AS ServiceId, cores AS Cores, state AS State FROM core_quota_requests WHERE {holding} ORDER BY window_start, id LIMIT 3",
            new { id }, tx);
        return new BudgetHolders((int)count, first.Select(r => new BudgetHolder(r.RequestId, r.ServiceId, r.Cores, r.State)).ToList());
    }

    private sealed class HolderRow
    {
        public Guid RequestId { get; set; }
        public string ServiceId { get; set; } = "";
        public int Cores { get; set; }
        public string State { get; set; } = "";
    }

    /// <summary>Inserts; returns false when a budget with this id exists already (seeding is idempotent).</summary>
    public async Task<bool> InsertAsync(Budget b, DbConnection c, DbTransaction tx) =>
        await c.ExecuteAsync(
            $"""
            INSERT INTO budgets ({Columns})
            VALUES (@Id, @Name, @CostCenter, @EventName, @Amount, @PeriodStart, @PeriodEnd, @StateText, @Committed, @Actual,
                    @CreatedBy, @SubmittedBy, @DecidedBy, @DecisionComment, @CreatedAt, @UpdatedAt)
            ON CONFLICT (id) DO NOTHING
            """, Parameters(b), tx) == 1;

    public Task UpdateAsync(Budget b, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            """
            UPDATE budgets SET state = @StateText, committed = @Committed, actual = @Actual, submitted_by = @SubmittedBy, decided_by = @DecidedBy,
                decision_comment = @DecisionComment, updated_at = @UpdatedAt
            WHERE id = @Id
            """, Parameters(b), tx);

    private static object Parameters(Budget b) => new
    {
        b.Id, b.Name, b.CostCenter, b.EventName, b.Amount, b.PeriodStart, b.PeriodEnd, StateText = b.State.ToString(),
        b.Committed, b.Actual, b.CreatedBy, b.SubmittedBy, b.DecidedBy, b.DecisionComment, b.CreatedAt, b.UpdatedAt,
    };
}
