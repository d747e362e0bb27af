using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>Plans and their allocations. A re-plan is a new plan; the request's current plan is its newest.</summary>
public sealed class PlanRepository(Database db)
{
    private sealed class PlanRow
    {
        public Guid Id { get; set; }
        public Guid RequestId { get; set; }
        public int ShortfallCores { get; set; }
        public string? ShortfallReason { get; set; }
        public decimal EstimatedTotal { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    public async Task InsertAsync(Plan plan, DbConnection c, DbTransaction tx)
    {
        await c.ExecuteAsync(
            """
            INSERT INTO plans (id, request_id, shortfall_cores, shortfall_reason, estimated_total, created_at)
            VALUES (@Id, @RequestId, @ShortfallCores, @ShortfallReason, @EstimatedTotal, @CreatedAt)
            """, new { plan.Id, plan.RequestId, plan.ShortfallCores, plan.ShortfallReason, plan.EstimatedTotal, plan.CreatedAt }, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO allocations (plan_id, line, internal_zone_id, member_zone_id, provider, offering_id, instance_type, units, cores, cost_per_hour,
                stock_basis, confirmed_cores)
            VALUES (@PlanId, @Line, @InternalZoneId, @MemberZoneId, @ProviderText, @OfferingId, @InstanceType, @Units, @Cores, @CostPerHour,
                @StockBasisText, @ConfirmedCores)
            """, plan.Allocations.Select((a, i) => new
            {
                PlanId = plan.Id, Line = i + 1, a.InternalZoneId, a.MemberZoneId, ProviderText = a.Provider.ToString(),
                a.OfferingId, a.InstanceType, a.Units, a.Cores, a.CostPerHour, StockBasisText = a.StockBasis.ToString(), a.ConfirmedCores,
            }), tx);
        await c.ExecuteAsync(
            """
            INSERT INTO plan_reasons (plan_id, line, kind, text) VALUES (@PlanId, @Line, @Kind, @Text)
            """, plan.Reasons.Select((r, i) => new { PlanId = plan.Id, Line = i + 1, Kind = r.Kind.ToString(), r.Text }), tx);
    }

    public async Task<Plan?> GetCurrentAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<PlanRow>(
            """
            SELECT id, request_id, shortfall_cores, shortfall_reason, estimated_total, created_at FROM plans
            WHERE request_id = @requestId ORDER BY created_at DESC, id LIMIT 1
            """, new { requestId });
        if (row is null) return null;
        var allocations = await c.QueryAsync<Allocation>(
            """
            SELECT internal_zone_id, member_zone_id, provider, offering_id, instance_type, units, cores, cost_per_hour, stock_basis, confirmed_cores
            FROM allocations WHERE plan_id = @Id ORDER BY line
            """, new { row.Id });
        var reasons = await c.QueryAsync<(string Kind, string Text)>(
            "SELECT kind, text FROM plan_reasons WHERE plan_id = @Id ORDER BY line", new { row.Id });
        return new Plan(row.Id, row.RequestId, allocations.AsList(), row.ShortfallCores, row.ShortfallReason, row.EstimatedTotal, row.CreatedAt)
        {
            Reasons = reasons.Select(r => new PlanReason(Enum.Parse<PlanReasonKind>(r.Kind), r.Text)).ToArray(),
        };
    }

    /// <summary>
    /// Cores of each request's current plan, for many requests in one query (the on-call page asked
    /// once per running request, issue 16). A request without a plan is missing from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> PlannedCoresAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        if (requestIds.Count == 0) return new Dictionary<Guid, int>();
        var parameters = new DynamicParameters();
        var names = SqlList.Of(requestIds, parameters);
        await using var c = await db.OpenAsync(ct);
        var plans = (await c.QueryAsync<PlanRow>(
            $"SELECT id, request_id, created_at FROM plans WHERE request_id IN ({names})", parameters)).AsList();
        // The current plan is the newest, ties broken by id, as in GetCurrentAsync.
        var current = plans.GroupBy(p => p.RequestId)
            .Select(g => g.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).First()).ToDictionary(p => p.Id, p => p.RequestId);
        var result = current.Values.Distinct().ToDictionary(id => id, _ => 0);
        foreach (var chunk in current.Keys.Chunk(500))
        {
            var planParameters = new DynamicParameters();
            var planNames = SqlList.Of(chunk, planParameters);
            var sums = await c.QueryAsync<PlanCoresRow>(
                $"SELECT plan_id, SUM(cores) AS cores FROM allocations WHERE plan_id IN ({planNames}) GROUP BY plan_id", planParameters);
            foreach (var row in sums) result[current[row.PlanId]] = (int)row.Cores;
        }
        return result;
    }

    private sealed class PlanCoresRow { public Guid PlanId { get; set; } public long Cores { get; set; } }
}
