using System.Text.Json;
using System.Text.Json.Serialization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>
/// Stored approval previews. The plan and the estimate are kept as JSON: they are read back whole
/// for display and never queried by field, and the approval itself re-plans from live data.
/// </summary>
public sealed class ApprovalPreviewRepository(Database db)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed class Row
    {
        public Guid RequestId { get; set; }
        public string TopologyVersion { get; set; } = "";
        public string BudgetVersion { get; set; } = "";
        public string HistoryVersion { get; set; } = "";
        public string RequestVersion { get; set; } = "";
        public string? PlanJson { get; set; }
        public string? LeadTimeJson { get; set; }
        public string? Error { get; set; }
        public DateTimeOffset ComputedAt { get; set; }

        public ApprovalPreview ToPreview() => new(RequestId,
            PlanJson is null ? null : JsonSerializer.Deserialize<Plan>(PlanJson, Json),
            LeadTimeJson is null ? null : JsonSerializer.Deserialize<LeadTimeEstimate>(LeadTimeJson, Json),
            Error, new ApprovalInputs(TopologyVersion, BudgetVersion, HistoryVersion, RequestVersion), ComputedAt);
    }

    private const string Columns =
        "request_id, topology_version, budget_version, history_version, request_version, plan_json, lead_time_json, error, computed_at";

    /// <summary>The stored previews of these requests, by request id; a request without one is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, ApprovalPreview>> GetManyAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        if (requestIds.Count == 0) return new Dictionary<Guid, ApprovalPreview>();
        var parameters = new DynamicParameters();
        var names = SqlList.Of(requestIds, parameters);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM approval_previews WHERE request_id IN ({names})", parameters);
        return rows.ToDictionary(r => r.RequestId, r => r.ToPreview());
    }

    /// <summary>The input versions of these requests' stored previews, without the plans: what the refresher compares.</summary>
    public async Task<IReadOnlyDictionary<Guid, ApprovalInputs>> ListInputsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        var result = new Dictionary<Guid, ApprovalInputs>();
        await using var c = await db.OpenAsync(ct);
        // In chunks: one parameter per id, and SQLite allows a limited number of them per statement.
        foreach (var chunk in requestIds.Chunk(500))
        {
            var parameters = new DynamicParameters();
            var names = SqlList.Of(chunk, parameters);
            var rows = await c.QueryAsync<Row>(
                $"SELECT request_id, topology_version, budget_version, history_version, request_version FROM approval_previews WHERE request_id IN ({names})",
                parameters);
            foreach (var r in rows) result[r.RequestId] = new ApprovalInputs(r.TopologyVersion, r.BudgetVersion, r.HistoryVersion, r.RequestVersion);
        }
        return result;
    }

    public async Task SaveAsync(IReadOnlyCollection<ApprovalPreview> previews, CancellationToken ct = default)
    {
        if (previews.Count == 0) return;
        await db.InTransactionAsync((c, tx) => c.ExecuteAsync(
            $"""
            INSERT INTO approval_previews ({Columns})
            VALUES (@RequestId, @TopologyVersion, @BudgetVersion, @HistoryVersion, @RequestVersion, @PlanJson, @LeadTimeJson, @Error, @ComputedAt)
            ON CONFLICT (request_id) DO UPDATE SET topology_version = excluded.topology_version, budget_version = excluded.budget_version,
                history_version = excluded.history_version, request_version = excluded.request_version, plan_json = excluded.plan_json,
                lead_time_json = excluded.lead_time_json, error = excluded.error, computed_at = excluded.computed_at
            """,
            previews.Select(p => new
            {
                p.RequestId, TopologyVersion = p.Inputs.Topology, BudgetVersion = p.Inputs.Budget, HistoryVersion = p.Inputs.History,
                RequestVersion = p.Inputs.Request,
                PlanJson = p.Plan is null ? null : JsonSerializer.Serialize(p.Plan, Json),
                LeadTimeJson = p.LeadTime is null ? null : JsonSerializer.Serialize(p.LeadTime, Json),
                p.Error, p.ComputedAt,
            }), tx), ct);
    }

    /// <summary>Forgets the previews of requests that no longer wait (approved, rejected, cancelled).</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            "DELETE FROM approval_previews WHERE request_id NOT IN (SELECT id FROM core_quota_requests WHERE state = 'Submitted')");
    }

    /// <summary>The newest provisioning order and its state: what moves the learned lead time (see <see cref="LeadTimeHistory"/>).</summary>
    public async Task<string> HistoryVersionAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var newest = await c.QueryFirstOrDefaultAsync<(string Id, string State)>(
            "SELECT CAST(id AS TEXT), state FROM provisioning_orders ORDER BY created_at DESC, id LIMIT 1");
        return newest.Id is null ? "none" : $"{newest.Id}:{newest.State}";
    }
}
