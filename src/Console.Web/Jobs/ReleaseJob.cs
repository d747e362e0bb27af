using CapacityConsole.Scheduler.Release;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Returns a request's capacity at T2 + grace. Idempotent: a released request is left alone.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
[AutomaticRetry(Attempts = 10, DelaysInSeconds = [5, 10, 20, 30, 60, 60, 120, 120, 300, 300])]
public sealed class ReleaseJob(ReleaseService release)
{
    [JobDisplayName("Release request {0}")]
    public Task RunAsync(Guid requestId, CancellationToken ct) => release.ReleaseAsync(requestId, "scheduler", ct);
}
