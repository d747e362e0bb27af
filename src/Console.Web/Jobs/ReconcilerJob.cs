using CapacityConsole.Scheduler.Jobs;
using CapacityConsole.Scheduler.Reconciliation;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Recurring, every minute: repairs drift between the domain tables and the providers.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the next minute's pass is the retry
public sealed class ReconcilerJob(Reconciler reconciler, JobPassTimer timer)
{
    public const string Id = "reconciler";

    public Task<ReconcileReport> RunAsync(CancellationToken ct) =>
        timer.RunAsync("Reconciler", () => reconciler.ReconcileAsync(ct), report => report.ToString(), ct);
}
