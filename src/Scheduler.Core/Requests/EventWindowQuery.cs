using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Requests;

/// <summary>Decided events whose pre-warm-to-window-end span touches a time range: the event windows a capacity chart marks.</summary>
public sealed class EventWindowQuery(Database db)
{
    /// <summary>A chart shades at most this many events; more would cover the lines.</summary>
    public const int MaxEvents = 12;

    private static readonly RequestState[] Decided =
        [RequestState.Approved, RequestState.Scheduled, RequestState.Provisioning, RequestState.Active, RequestState.Releasing, RequestState.Released];

    public async Task<IReadOnlyList<CoreQuotaRequest>> ListAsync(string regionId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // window_start may lie up to the longest pre-warm lead after the range and still pre-warm inside it.
        var rows = await c.QueryAsync<CoreQuotaRequest>(
            $"""
            SELECT {RequestRepository.Columns} FROM core_quota_requests
            WHERE region_id = @regionId AND window_end >= @from AND window_start <= @latestStart
              AND state IN ({string.Join(", ", Decided.Select(s => $"'{s}'"))})
            ORDER BY window_start DESC, id LIMIT 200
            """, new { regionId, from, latestStart = to + CoreQuotaRequest.MaxPrewarmLead });
        return rows.Where(r => r.PrewarmAt <= to).OrderByDescending(r => r.WindowStart).Take(MaxEvents).OrderBy(r => r.WindowStart).ToList();
    }
}
