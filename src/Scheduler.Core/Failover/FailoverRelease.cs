using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// The last phase of a failover, run only once the replacement is in place: what the request still
/// has in Down zones is given back. Only units in Down zones are touched; a provider that refuses
/// (the zone may really be unreachable) leaves them for the next pass.
/// </summary>
public sealed class FailoverRelease(
    Database db, ProvisioningRepository provisioning, ProviderRegistry providers, AuditLog audit, TimeProvider clock,
    ILogger<FailoverRelease> logger)
{
    private const string Entity = "CoreQuotaRequest";

    /// <summary>
    /// A batch sent to a zone before it went Down may or may not have made units, and none are recorded
    /// (recording closes the batch). Its units are found by their batch tag and released, and the batch
    /// is closed, so that it no longer counts as in flight and nothing of it can leak.
    /// </summary>
    public async Task<int> CloseOpenBatchesAsync(
        Guid requestId, Guid orderId, IReadOnlyList<ProvisioningBatch> batches, IReadOnlySet<string> down, CancellationToken ct)
    {
        var closed = 0;
        foreach (var batch in batches.Where(b => b.State is BatchState.Pending or BatchState.Sent && down.Contains(b.MemberZoneId)))
        {
            var provider = providers.For(batch.Provider);
            int made;
            try
            {
                var units = (await provider.ListByOwnerTagAsync(OwnerTags.Batch, batch.Id.ToString("D"), ct)).Select(u => u.Id).ToList();
                if (units.Count > 0) await provider.ReleaseAsync(batch.MemberZoneId, units, ct);
                made = units.Count;
            }
            catch (ProviderException e)
            {
                logger.LogWarning("Closing batch {Sequence} of request {RequestId} in Down zone {MemberZone} failed ({Failure}); next pass retries: {Message}",
                    batch.Sequence, requestId, batch.MemberZoneId, e.Failure, e.Message);
                continue;
            }
            await db.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                await provisioning.UpdateBatchAsync(batch with { State = BatchState.Failed, LastError = "Cancelled: zone Down (failover).", UpdatedAt = now }, c, tx);
                await provisioning.AppendEventAsync(orderId, now,
                    $"Failover: batch {batch.Sequence} in Down zone {batch.MemberZoneId} closed; {made} unit(s) it had made released.", c, tx);
            }, ct);
            closed++;
        }
        return closed;
    }

    /// <summary>Releases the request's live resources in Down zones; a zone whose provider refuses is retried next pass. Returns the cores released.</summary>
    public async Task<int> ReleaseLostAsync(Guid requestId, Guid orderId, IReadOnlySet<string> down, string actor, CancellationToken ct)
    {
        var lost = (await provisioning.ListResourcesAsync(requestId, ct))
            .Where(r => r.State != ResourceState.Released && down.Contains(r.MemberZoneId));
        var released = 0;
        foreach (var group in lost.GroupBy(r => (r.Provider, r.MemberZoneId)))
        {
            var ids = group.Select(r => r.Id).ToList();
            try
            {
                await providers.For(group.Key.Provider).ReleaseAsync(group.Key.MemberZoneId, ids, ct);
            }
            catch (ProviderException e)
            {
                logger.LogWarning("Releasing {Count} lost resources of request {RequestId} in {MemberZone} failed ({Failure}); next pass retries: {Message}",
                    ids.Count, requestId, group.Key.MemberZoneId, e.Failure, e.Message);
                continue;
            }
            var cores = group.Sum(r => r.Cores);
            await db.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                await provisioning.MarkReleasedAsync(ids, now, c, tx);
                await provisioning.AppendEventAsync(orderId, now,
                    $"Failover: released {ids.Count} lost unit(s) ({cores:N0} cores) in Down zone {group.Key.MemberZoneId} after the replacement was in place.", c, tx);
                await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), "Release lost resources", null,
                    new { MemberZone = group.Key.MemberZoneId, Units = ids.Count, Cores = cores });
            }, ct);
            released += cores;
        }
        return released;
    }
}
