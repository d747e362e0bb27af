using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>What an Active request lacks of its desired capacity and why ("short N cores").</summary>
public sealed record Shortfall(int Cores, string? Reason)
{
    public static readonly Shortfall None = new(0, null);
    public bool IsShort => Cores > 0;
}

/// <summary>
/// Keeps a request's current shortfall in its row, so every page and API shows the same "short N
/// cores" with its reason: set when the pre-warm settles short or a repair cannot replace lost units,
/// cleared when the capacity is whole again.
/// </summary>
public sealed class CapacityShortfall(Database db)
{
    public async Task SetAsync(Guid requestId, Shortfall shortfall, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE core_quota_requests SET short_cores = @Cores, short_reason = @Reason WHERE id = @requestId",
            new { requestId, shortfall.Cores, shortfall.Reason });
    }

    public async Task<Shortfall> GetAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<(int Cores, string? Reason)>(
            "SELECT short_cores, short_reason FROM core_quota_requests WHERE id = @requestId", new { requestId });
        return row.Cores > 0 ? new Shortfall(row.Cores, row.Reason) : Shortfall.None;
    }
}
