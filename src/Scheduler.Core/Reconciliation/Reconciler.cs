using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>
/// Repairs drift between the domain tables (the source of truth) and the world, re-deriving all due
/// work from the tables on every pass: jobs lost with an in-memory Hangfire or a crash (a pre-warm or
/// release whose work shows no sign of life for <see cref="ReconcilerOptions.StalledAfter"/>), units a
/// provider holds under our owner tag that no row or open batch can account for (leaks), rows whose
/// unit the provider no longer has (vanished: recorded, alerted and replaced), Active requests short
/// of their plan (<see cref="CapacityRepair"/>), and work left in zones gone Down (failover). What it
/// schedules it first claims in the request's row (<see cref="WorkHeartbeat"/>), so a restart or a
/// second console neither forgets nor doubles it. Running it twice repairs nothing the second time.
/// </summary>
public sealed class Reconciler(
    Database db, RequestRepository requests, ProvisioningRepository provisioning, ProviderRegistry providers,
    FailoverExecutor failover, CapacityRepair repair, RepairCandidates candidates, WorkHeartbeat heartbeat, AuditLog audit, LiveNotifier live, IJobScheduler jobs,
    IOptions<SchedulingOptions> options, IOptions<ReconcilerOptions> reconciler, TimeProvider clock, ILogger<Reconciler> logger)
{
    private static readonly RequestState[] Kept = [RequestState.Provisioning, RequestState.Active];

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var failovers = (await failover.FailOverAllAsync("reconciler", ct)).Count(f => f.Replanned || f.BatchesClosed > 0 || f.CoresReleased > 0);
        var (leaks, vanished) = await CompareWithProvidersAsync(now, ct);
        var replaced = 0;
        foreach (var active in await candidates.FilterAsync(await requests.ListInStatesAsync([RequestState.Active], ct), ct))
            replaced += (await repair.RepairAsync(active, ct)).CoresAdded;
        var (prewarms, releases) = await RescheduleAsync(now, vanished, ct);
        var report = new ReconcileReport(prewarms, releases, leaks, vanished.Values.Sum(), failovers, replaced);
        if (report.RepairedAnything) logger.LogWarning("Reconciler repaired drift: {Report}", report);
        return report;
    }

    private async Task<(int Prewarms, int Releases)> RescheduleAsync(DateTimeOffset now, IReadOnlyDictionary<Guid, int> vanished, CancellationToken ct)
    {
        int prewarms = 0, releases = 0;
        var grace = options.Value.ReleaseGrace;
        var silentSince = now - reconciler.Value.StalledAfter;
        var open = await requests.ListInStatesAsync(
            [RequestState.Scheduled, RequestState.Provisioning, RequestState.Active, RequestState.Releasing, RequestState.Failed], ct);
        foreach (var r in open)
        {
            var prewarmDue = r.State switch
            {
                RequestState.Scheduled => r.PrewarmAt <= now,
                // Silent work is lost work; units gone from a pre-warm are its to re-plan, at once.
                RequestState.Provisioning => true,
                _ => false,
            };
            var releaseDue = r.State switch
            {
                RequestState.Active => r.WindowEnd + grace <= now,
                RequestState.Releasing => true,
                // Whatever a Failed request still holds, or has committed, goes back.
                RequestState.Failed => !r.IsSettled || await provisioning.HeldCoresAsync(r.Id, ct) > 0,
                _ => false,
            };
            if (!prewarmDue && !releaseDue) continue;
            var claimed = await heartbeat.TryClaimAsync(r.Id, now, vanished.ContainsKey(r.Id) ? now.AddTicks(1) : silentSince, ct);
            if (!claimed) continue;
            if (prewarmDue) { jobs.SchedulePrewarm(r.Id, now); prewarms++; }
            else { jobs.ScheduleRelease(r.Id, now); releases++; }
        }
        return (prewarms, releases);
    }

    /// <summary>Leaks released and, per request, the units found vanished.</summary>
    private async Task<(int Leaks, IReadOnlyDictionary<Guid, int> Vanished)> CompareWithProvidersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var leaks = 0;
        var vanished = new Dictionary<Guid, int>();
        foreach (var kind in providers.Kinds)
        {
            var provider = providers.For(kind);
            // The order of the reads matters while the executor runs: rows read before the provider's
            // list can only be missing from it if their unit is really gone (a unit is made before its
            // row is written), and batches and rows read after it account for every unit it lists
            // (a batch leaves the open set only in the transaction that records its units, or when it
            // is given up — and then no one can record them any more).
            // Ids only (issue 16: whole rows of every live resource made each pass scale with the fleet); the rows of the few found gone are read below.
            var rowsBefore = await provisioning.ListLiveResourceIdsAsync(kind, ct);
            IReadOnlyList<ProvidedResource> held;
            try { held = await provider.ListByOwnerTagAsync(OwnerTags.Owner, options.Value.Owner, ct); }
            catch (ProviderException e)
            {
                logger.LogWarning("Reconciler could not list {Provider} resources ({Failure}); nothing marked, trying again next pass.", kind, e.Failure);
                continue;
            }
            var inFlight = await provisioning.ListInFlightBatchIdsAsync(ct);
            var rowsAfter = (await provisioning.ListLiveResourceIdsAsync(ct: ct)).ToHashSet(StringComparer.Ordinal);

            // A leak is only what no batch can still claim: a unit made by an open batch is recorded when that batch resumes.
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
            var gone = await provisioning.ListResourcesByIdsAsync(rowsBefore.Where(id => !heldIds.Contains(id)).ToList(), ct);
            foreach (var group in gone.Where(r => r.IsLive).GroupBy(r => r.RequestId))
            {
                var request = await requests.GetAsync(group.Key, ct);
                // A release in progress lists its own units gone before it marks them: it is theirs to record.
                if (!Kept.Contains(request.State)) continue;
                await RecordVanishedAsync(request, group.ToList(), now, ct);
                vanished[request.Id] = vanished.GetValueOrDefault(request.Id) + group.Count();
            }
        }
        return (leaks, vanished);
    }

    /// <summary>Marks the units released as of now (they cost nothing from when we saw them gone), with audit, timeline and a live alert.</summary>
    private async Task RecordVanishedAsync(CoreQuotaRequest request, IReadOnlyList<Resource> gone, DateTimeOffset now, CancellationToken ct)
    {
        var order = await provisioning.GetOrderAsync(request.Id, ct);
        var cores = gone.Sum(r => r.Cores);
        var zones = gone.Select(r => r.MemberZoneId).Distinct().Order(StringComparer.Ordinal).ToList();
        var message = $"Vanished: {gone.Count} unit(s), {cores:N0} cores, in {string.Join(", ", zones)} are gone at the provider; replacing them.";
        await db.InTransactionAsync(async (c, tx) =>
        {
            await provisioning.MarkReleasedAsync(gone.Select(r => r.Id), now, c, tx);
            if (order is not null) await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
            await audit.AppendAsync(c, tx, "reconciler", "CoreQuotaRequest", request.Id.ToString(), "Units vanished", null,
                new { Units = gone.Count, Cores = cores, MemberZones = zones, Ids = gone.Select(r => r.Id).ToList() });
        }, ct);
        logger.LogWarning("Reconciler found {Count} resources of request {RequestId} gone at the provider ({Cores} cores in {Zones}): {Ids}",
            gone.Count, request.Id, cores, zones, gone.Select(r => r.Id));
        live.Publish(new CapacityVanished(request.Id, request.ServiceId, gone.Count, cores, zones, now));
        live.Publish(new RequestProgressed(request.Id, request.State, await provisioning.HeldCoresAsync(request.Id, ct), request.Cores, message, now));
    }

    private static bool InFlight(ProvidedResource unit, IReadOnlySet<Guid> inFlight) =>
        unit.Tags.TryGetValue(OwnerTags.Batch, out var b) && Guid.TryParse(b, out var batch) && inFlight.Contains(batch);
}
