using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Storage;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Returns a request's capacity at T2 + grace. Idempotent: a released request is left alone. One run
/// per request at a time, through <see cref="ExclusiveRun"/> (see <see cref="PrewarmJob"/> for why not DisableConcurrentExecution).
/// </summary>
[AutomaticRetry(Attempts = 10, DelaysInSeconds = [5, 10, 20, 30, 60, 60, 120, 120, 300, 300])]
public sealed class ReleaseJob(ReleaseService release, ExclusiveRun exclusive)
{
    [JobDisplayName("Release request {0}")]
    public Task RunAsync(Guid requestId, CancellationToken ct) =>
        exclusive.TryRunAsync(ExclusiveRun.KeyFor("release", requestId), () => release.ReleaseAsync(requestId, "scheduler", ct), ct);
}
