using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>
/// Signs of life of the work on a request, kept in its row so that every console process and every
/// restart sees the same thing (an in-memory note would be lost with the in-memory Hangfire's jobs,
/// and a second console would not see it). The pre-warm and the release touch it as they go; the
/// reconciler schedules a job again only when it can claim a request silent for too long.
/// </summary>
public sealed class WorkHeartbeat(Database db)
{
    public async Task TouchAsync(Guid requestId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE core_quota_requests SET heartbeat_at = @at WHERE id = @requestId", new { requestId, at });
    }

    /// <summary>
    /// Takes the request for the caller when its last sign of life (heartbeat, a batch sent or recorded, or
    /// the boot re-check it has booked) is older than <paramref name="silentSince"/>; one caller wins, others get false.
    /// </summary>
    public async Task<bool> TryClaimAsync(Guid requestId, DateTimeOffset now, DateTimeOffset silentSince, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            """
            UPDATE core_quota_requests SET heartbeat_at = @now
            WHERE id = @requestId
              AND (heartbeat_at IS NULL OR heartbeat_at < @silentSince)
              AND (next_poll_at IS NULL OR next_poll_at < @silentSince)
              AND NOT EXISTS (
                  SELECT 1 FROM provisioning_batches b JOIN provisioning_orders o ON o.id = b.order_id
                  WHERE o.request_id = @requestId AND b.updated_at >= @silentSince)
            """, new { requestId, now, silentSince }) == 1;
    }

    /// <summary>
    /// Books the next boot re-check at <paramref name="next"/> unless another run already booked one
    /// still to come; only the winner schedules it, so duplicate runs do not start parallel poll chains.
    /// </summary>
    public async Task<bool> TryBookPollAsync(Guid requestId, DateTimeOffset now, DateTimeOffset next, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            """
            UPDATE core_quota_requests SET next_poll_at = @next, heartbeat_at = @now
            WHERE id = @requestId AND (next_poll_at IS NULL OR next_poll_at <= @now)
            """, new { requestId, now, next }) == 1;
    }
}
