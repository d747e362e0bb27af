using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Release;

/// <summary>What one release pass gave back, and the provider failures that left units for the next pass.</summary>
public sealed record ReleaseOutcome(int UnitsReleased, int CoresReleased, IReadOnlyList<ProviderException> Failures)
{
    public bool Complete => Failures.Count == 0;
}

/// <summary>
/// The one routine that gives units back, used by the release at window end, the failover (lost
/// units in a Down zone), the boot timeout and a failed pre-warm. Always in <see cref="ReleaseOrder"/>
/// (cloud first, most expensive per core first, brief §5.6), one provider call per run of units of
/// one (provider, member zone, instance type). A call that fails is logged and skipped, the later
/// groups still go (releasing is idempotent, the next pass retries the rest). A unit counts released
/// from the moment we asked: the provider stops billing no later than that.
/// </summary>
public sealed class ResourceRelease(
    Database db, ProvisioningRepository provisioning, ProviderRegistry providers, AuditLog audit, TimeProvider clock, ILogger<ResourceRelease> logger)
{
    private const string Entity = "CoreQuotaRequest";

    /// <param name="orderId">The order whose timeline gets a line per group (null: none).</param>
    /// <param name="why">Ends each timeline line, e.g. "after the window" or "lost in Down zone bj-1".</param>
    /// <param name="auditAs">When set, each group is also an audit event of that action by <paramref name="actor"/>.</param>
    /// <param name="released">Called after each group's commit (live progress).</param>
    public async Task<ReleaseOutcome> ReleaseAsync(
        Guid requestId, Guid? orderId, IEnumerable<Resource> resources, string why, string actor, string? auditAs,
        Func<string, Task>? released, CancellationToken ct)
    {
        var live = ReleaseOrder.Of(resources.Where(r => r.IsLive));
        var groups = new List<List<Resource>>();
        foreach (var r in live)
        {
            if (groups.Count > 0 && groups[^1][0] is var head && head.Provider == r.Provider && head.MemberZoneId == r.MemberZoneId && head.InstanceType == r.InstanceType)
                groups[^1].Add(r);
            else
                groups.Add([r]);
        }

        int units = 0, cores = 0;
        var failures = new List<ProviderException>();
        foreach (var group in groups)
        {
            var head = group[0]; // a group is made with one unit and only grows
            var ids = group.Select(r => r.Id).ToList();
            var askedAt = clock.GetUtcNow();
            try
            {
                await providers.For(head.Provider).ReleaseAsync(head.MemberZoneId, ids, ct);
            }
            catch (ProviderException e)
            {
                logger.LogWarning("Releasing {Count} × {InstanceType} of request {RequestId} in {MemberZone} failed ({Failure}); retried next pass: {Message}",
                    ids.Count, head.InstanceType, requestId, head.MemberZoneId, e.Failure, e.Message);
                failures.Add(e);
                continue;
            }
            var groupCores = group.Sum(r => r.Cores);
            var message = $"Released {ids.Count} × {head.InstanceType} ({groupCores:N0} cores) in {head.MemberZoneId} {why}.";
            await db.InTransactionAsync(async (c, tx) =>
            {
                await provisioning.MarkReleasedAsync(ids, askedAt, c, tx);
                if (orderId is { } id) await provisioning.AppendEventAsync(id, clock.GetUtcNow(), message, c, tx);
                if (auditAs is not null)
                    await audit.AppendAsync(c, tx, actor, Entity, requestId.ToString(), auditAs, null,
                        new { MemberZone = head.MemberZoneId, head.InstanceType, Units = ids.Count, Cores = groupCores });
            }, ct);
            units += ids.Count;
            cores += groupCores;
            if (released is not null) await released(message);
        }
        return new ReleaseOutcome(units, cores, failures);
    }
}
