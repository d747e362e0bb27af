using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// The last phase of a failover, run only once the replacement is in place: what the request still
/// has in Down zones is given back. Only units in Down zones are touched; a provider that refuses
/// (the zone may really be unreachable) leaves them for the next pass.
/// </summary>
public sealed class FailoverRelease(
    Database db, ProvisioningRepository provisioning, ProviderRegistry providers, ResourceRelease release, TimeProvider clock,
    ILogger<FailoverRelease> logger)
{
    /// <summary>
    /// A batch sent to a zone before it went Down may or may not have made units, and none are recorded
    /// (recording closes the batch). Its units are found by their batch tag and released, and the batch
    /// is closed, so that it no longer counts as in flight and nothing of it can leak.
    /// </summary>
    public async Task<int> CloseOpenBatchesAsync(
        Guid requestId, Guid orderId, IReadOnlyList<ProvisioningBatch> batches, IReadOnlySet<string> down, CancellationToken ct)
    {
        var closed = 0;
        foreach (var batch in batches.Where(b => b.IsOpen && down.Contains(b.MemberZoneId)))
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
                await provisioning.UpdateBatchAsync(batch.After(BatchAction.Cancel, now, "Cancelled: zone Down (failover)."), c, tx);
                await provisioning.AppendEventAsync(orderId, now,
                    $"Failover: batch {batch.Sequence} in Down zone {batch.MemberZoneId} closed; {made} unit(s) it had made released.", c, tx);
            }, ct);
            closed++;
        }
        return closed;
    }

    /// <summary>
    /// Releases the request's live resources in Down zones through the one release routine (cloud first,
    /// most expensive first); a zone whose provider refuses is retried next pass. Returns the cores released.
    /// </summary>
    public async Task<int> ReleaseLostAsync(Guid requestId, Guid orderId, IReadOnlySet<string> down, string actor, CancellationToken ct)
    {
        var lost = (await provisioning.ListResourcesAsync(requestId, ct)).Where(r => r.IsLive && down.Contains(r.MemberZoneId));
        var outcome = await release.ReleaseAsync(requestId, orderId, lost, "lost in a Down zone, after the replacement was in place (failover)",
            actor, "Release lost resources", null, ct);
        return outcome.CoresReleased;
    }
}
