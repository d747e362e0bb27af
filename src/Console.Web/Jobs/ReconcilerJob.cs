using CapacityConsole.Scheduler.Jobs;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Metrics;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Recurring, every Reconciler:Interval (a minute by default): repairs drift between the domain tables and the providers. Hangfire's
/// recurring schedule runs one copy per tick; each instance also enqueues passes at its start, and
/// two passes at once could each see the other's fresh units as leaks — so the pass runs under
/// <see cref="ExclusiveRun"/> (a PostgreSQL advisory lock, in-process on SQLite), and a pass that
/// finds it held is skipped (the running one does the work). Not Hangfire's DisableConcurrentExecution:
/// on PostgreSQL its lock row outlives a server restart that cut its release, for ten minutes.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the next minute's pass is the retry
public sealed class ReconcilerJob(Reconciler reconciler, ExclusiveRun exclusive, JobPassTimer timer, DomainInstruments metrics, ILogger<ReconcilerJob> logger)
{
    public const string Id = "reconciler";

    /// <summary>Any constant will do; every instance must use the same one (the migration lock uses another).</summary>
    public const long AdvisoryLockKey = 0x52_65636F6E63696C;

    /// <summary>The pass's report; null when another instance was reconciling.</summary>
    public async Task<ReconcileReport?> RunAsync(CancellationToken ct)
    {
        ReconcileReport? report = null;
        if (!await exclusive.TryRunAsync(AdvisoryLockKey,
                async () => report = await timer.RunAsync("Reconciler", () => reconciler.ReconcileAsync(ct), r => r.ToString(), ct), ct))
            logger.LogInformation("Reconciler pass skipped: another instance holds the reconciler lock.");
        if (report is not null) metrics.RecordRepairs(report);
        return report;
    }
}
