using CapacityConsole.Scheduler.Access;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Recurring, hourly: deletes ended sessions and stale sign-in failure counts (see <see cref="AccessHousekeeping"/>).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 120)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the next hour's pass deletes what this one left
public sealed class AccessHousekeepingJob(AccessHousekeeping housekeeping, ILogger<AccessHousekeepingJob> logger)
{
    public const string Id = "access-housekeeping";

    public async Task RunAsync(CancellationToken ct)
    {
        var pruned = await housekeeping.PruneAsync(ct);
        if (pruned.Sessions + pruned.FailureCounts > 0)
            logger.LogInformation("Deleted {Sessions} ended sign-in sessions and {FailureCounts} stale sign-in failure counts.", pruned.Sessions, pruned.FailureCounts);
    }
}
