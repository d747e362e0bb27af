using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>
/// Repairs drift between the domain tables (the source of truth) and the world: jobs lost with an
/// in-memory Hangfire or a crash (missed pre-warm or release), units a provider holds under our owner
/// tag that no live resource row accounts for (leaks), rows whose unit the provider no longer has
/// (vanished), and work left in zones gone Down (failover not finished). Running it twice repairs
/// nothing the second time.
/// </summary>
public sealed class Reconciler(
    Database db, RequestRepository requests, ProvisioningRepository provisioning, ProviderRegistry providers,
    FailoverExecutor failover, IJobScheduler jobs, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<Reconciler> logger)
{
    /// <summary>A request in flight that has not moved for this long gets its job again (re-running is safe).</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(5);

    private readonly RescheduleMemory _rescheduled = new();

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (prewarms, releases) = await RescheduleAsync(now, ct);
        var failovers = (await failover.FailOverAllAsync("reconciler", ct)).Count(f => f.Replanned || f.BatchesClosed > 0 || f.CoresReleased > 0);
        var (leaks, vanished) = await CompareWithProvidersAsync(now, ct);
        var report = new ReconcileReport(prewarms, releases, leaks, vanished, failovers);
        if (report.RepairedAnything) logger.LogWarning("Reconciler repaired drift: {Report}", report);
        return report;
    }

    private async Task<(int Prewarms, int Releases)> RescheduleAsync(DateTimeOffset now, CancellationToken ct)
    {
        int prewarms = 0, releases = 0;
        var grace = options.Value.ReleaseGrace;
        var open = await requests.ListInStatesAsync(
            [RequestState.Scheduled, RequestState.Provisioning, RequestState.Active, RequestState.Releasing, RequestState.Failed], ct);
        foreach (var r in open)
        {
            var due = r.State switch
            {
                RequestState.Scheduled => r.PrewarmAt <= now,
                RequestState.Provisioning => now - r.UpdatedAt >= Stalled,
                _ => false,
            };
            if (due)
            {
                if (_rescheduled.TryTake(r.Id, "prewarm", now, Stalled)) { jobs.SchedulePrewarm(r.Id, now); prewarms++; }
                continue;
            }

            var releaseDue = r.State switch
            {
                RequestState.Active => r.WindowEnd + grace <= now,
                RequestState.Releasing => now - r.UpdatedAt >= Stalled,
                RequestState.Failed => true, // whatever a failed request holds goes back
                _ => false,
            };
            if (releaseDue && _rescheduled.TryTake(r.Id, "release", now, Stalled)) { jobs.ScheduleRelease(r.Id, now); releases++; }
        }
        return (prewarms, releases);
    }

    private async Task<(int Leaks, int Vanished)> CompareWithProvidersAsync(DateTimeOffset now, CancellationToken ct)
    {
        int leaks = 0, vanished = 0;
        foreach (var kind in providers.Kinds)
        {
            var provider = providers.For(kind);
            // The order of the reads matters while the executor runs: rows read before the provider's
            // list can only be missing from it if their unit is really gone (a unit is made before its
            // row is written), and batches and rows read after it account for every unit it lists
            // (a batch leaves the in-flight set only in the transaction that records its units).
            var rowsBefore = await provisioning.ListLiveResourceIdsAsync(kind, ct);
            IReadOnlyList<ProvidedResource> held;
            try { held = await provider.ListByOwnerTagAsync(OwnerTags.Owner, options.Value.Owner, ct); }
            catch (ProviderException e)
            {
                logger.LogWarning("Reconciler could not list {Provider} resources ({Failure}); trying again next pass.", kind, e.Failure);
                continue;
            }
            var inFlight = await provisioning.ListInFlightBatchIdsAsync(ct);
            var rowsAfter = (await provisioning.ListLiveResourceIdsAsync(ct: ct)).ToHashSet(StringComparer.Ordinal);

            // A unit made by a batch still in flight is recorded when that batch resumes: not a leak.
            var leaked = held.Where(h => !rowsAfter.Contains(h.Id) && !InFlight(h, inFlight)).ToList();
            foreach (var zone in leaked.GroupBy(h => h.MemberZoneId))
            {
                try { await provider.ReleaseAsync(zone.Key, zone.Select(h => h.Id).ToList(), ct); }
                catch (ProviderException e)
                {
                    logger.LogWarning("Reconciler could not release {Count} leaked {Provider} units in {MemberZone} ({Failure}); next pass retries.",
                        zone.Count(), kind, zone.Key, e.Failure);
                    continue;
                }
                logger.LogWarning("Reconciler released {Count} leaked {Provider} units in {MemberZone}: {Ids}", zone.Count(), kind, zone.Key, zone.Select(h => h.Id));
                leaks += zone.Count();
            }

            var heldIds = held.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            var gone = rowsBefore.Where(id => !heldIds.Contains(id)).ToList();
            if (gone.Count > 0)
            {
                await db.InTransactionAsync((c, tx) => provisioning.MarkReleasedAsync(gone, now, c, tx), ct);
                logger.LogWarning("Reconciler marked {Count} {Provider} resources the provider no longer has as released: {Ids}", gone.Count, kind, gone);
                vanished += gone.Count;
            }
        }
        return (leaks, vanished);
    }

    private static bool InFlight(ProvidedResource unit, IReadOnlySet<Guid> inFlight) =>
        unit.Tags.TryGetValue(OwnerTags.Batch, out var b) && Guid.TryParse(b, out var batch) && inFlight.Contains(batch);
}
