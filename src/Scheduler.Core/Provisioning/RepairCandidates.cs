using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// Which Active requests a reconciler pass must hand to <see cref="CapacityRepair"/>: those holding
/// fewer live cores than their current plan, with units still booting (boot timeout), an open batch
/// or a shortfall on record. The others are whole and quiet, and a repair would only read them.
/// Answered in a few set queries for all of them (issue 16: one repair per Active request cost ~8
/// queries each and made a pass at 10,000 live resources take ~190 ms).
/// </summary>
public sealed class RepairCandidates(Database db, PlanRepository plans)
{
    public async Task<IReadOnlyList<CoreQuotaRequest>> FilterAsync(IReadOnlyList<CoreQuotaRequest> active, CancellationToken ct = default)
    {
        if (active.Count == 0) return [];
        var planned = await plans.PlannedCoresAsync(active.Select(r => r.Id).ToList(), ct);
        var held = new Dictionary<Guid, long>();
        var booting = new HashSet<Guid>();
        var attention = new HashSet<Guid>();
        await using var c = await db.OpenAsync(ct);
        foreach (var chunk in active.Chunk(500))
        {
            var parameters = new DynamicParameters();
            var names = SqlList.Of(chunk.Select(r => r.Id), parameters);
            foreach (var row in await c.QueryAsync<HeldRow>(
                $"""
                SELECT request_id, state, SUM(cores) AS cores FROM resources
                WHERE state IN ({ProvisioningRepository.LiveStates}) AND request_id IN ({names}) GROUP BY request_id, state
                """, parameters))
            {
                held[row.RequestId] = held.GetValueOrDefault(row.RequestId) + row.Cores;
                if (row.State != nameof(ResourceState.Running)) booting.Add(row.RequestId);
            }
            attention.UnionWith(await c.QueryAsync<Guid>(
                $"""
                SELECT o.request_id FROM provisioning_batches b JOIN provisioning_orders o ON o.id = b.order_id
                WHERE b.state IN ({BatchLifecycle.OpenSql}) AND o.request_id IN ({names})
                UNION SELECT id FROM core_quota_requests WHERE short_cores > 0 AND id IN ({names})
                """, parameters));
        }
        return active.Where(r => planned.TryGetValue(r.Id, out var cores)
                && (held.GetValueOrDefault(r.Id) < cores || booting.Contains(r.Id) || attention.Contains(r.Id)))
            .ToList();
    }

    private sealed class HeldRow { public Guid RequestId { get; set; } public string State { get; set; } = ""; public long Cores { get; set; } }
}
