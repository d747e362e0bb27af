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
/// tag that no live resource row accounts for (leaks), and rows whose unit the provider no longer has
/// (vanished). Running it twice repairs nothing the second time.
/// </summary>
public sealed class Reconciler(
    Database db, RequestRepository requests, ProvisioningRepository provisioning, ProviderRegistry providers,
    IJobScheduler jobs, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<Reconciler> logger)
{
    /// <summary>A request in flight that has not moved for this long gets its job again (re-running is safe).</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(5);

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (prewarms, releases) = await RescheduleAsync(now, ct);
        var (leaks, vanished) = await CompareWithProvidersAsync(now, ct);
        var report = new ReconcileReport(prewarms, releases, leaks, vanished);
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
            if (due) { jobs.SchedulePrewarm(r.Id, now); prewarms++; continue; }

            var releaseDue = r.State switch
            {
                RequestState.Active => r.WindowEnd + grace <= now,
                RequestState.Releasing => now - r.UpdatedAt >= Stalled,
                RequestState.Failed => true, // whatever a failed request holds goes back
                _ => false,
            };
            if (releaseDue) { jobs.ScheduleRelease(r.Id, now); releases++; }
        }
        return (prewarms, releases);
    }

    private async Task<(int Leaks, int Vanished)> CompareWithProvidersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var live = (await provisioning.ListLiveResourcesAsync(ct)).ToDictionary(r => r.Id);
        var inFlight = await provisioning.ListInFlightBatchIdsAsync(ct);
        int leaks = 0, vanished = 0;
        foreach (var kind in providers.Kinds)
        {
            var provider = providers.For(kind);
            IReadOnlyList<ProvidedResource> held;
            try { held = await provider.ListByOwnerTagAsync(OwnerTags.Owner, options.Value.Owner, ct); }
            catch (ProviderException e)
            {
                logger.LogWarning("Reconciler could not list {Provider} resources ({Failure}); trying again next pass.", kind, e.Failure);
                continue;
            }

            // A unit made by a batch still in flight is recorded when that batch resumes: not a leak.
            var leaked = held.Where(h => !live.ContainsKey(h.Id) &&
                !(h.Tags.TryGetValue(OwnerTags.Batch, out var b) && Guid.TryParse(b, out var batch) && inFlight.Contains(batch))).ToList();
            foreach (var zone in leaked.GroupBy(h => h.MemberZoneId))
            {
                await provider.ReleaseAsync(zone.Key, zone.Select(h => h.Id).ToList(), ct);
                leaks += zone.Count();
            }

            var heldIds = held.Select(h => h.Id).ToHashSet();
            var gone = live.Values.Where(r => r.Provider == kind && !heldIds.Contains(r.Id)).Select(r => r.Id).ToList();
            if (gone.Count > 0)
            {
                await db.InTransactionAsync((c, tx) => provisioning.MarkReleasedAsync(gone, now, c, tx), ct);
                vanished += gone.Count;
            }
        }
        return (leaks, vanished);
    }
}
