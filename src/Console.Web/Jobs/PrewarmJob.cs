using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Storage;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Runs a request's pre-warm at T1 − lead. Re-running is safe: the executor resumes from the tables.
/// One run per request at a time (<see cref="ExclusiveRun"/>): a twin that finds one running ends at
/// once, the running one does the work. Not Hangfire's DisableConcurrentExecution: on PostgreSQL its
/// lock row survives a server restart that cut the release and stalled the pre-warm for ten minutes.
/// </summary>
[AutomaticRetry(Attempts = 10, DelaysInSeconds = [5, 10, 20, 30, 60, 60, 120, 120, 300, 300])] // throttling and transient faults
public sealed class PrewarmJob(ProvisioningService provisioning, ExclusiveRun exclusive)
{
    [JobDisplayName("Pre-warm request {0}")]
    public Task RunAsync(Guid requestId, CancellationToken ct) =>
        exclusive.TryRunAsync(ExclusiveRun.KeyFor("prewarm", requestId), () => provisioning.PrewarmAsync(requestId, ct), ct);
}
