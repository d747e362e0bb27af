using CapacityConsole.Scheduler.Provisioning;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Runs a request's pre-warm at T1 − lead. Re-running is safe: the executor resumes from the tables.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
[AutomaticRetry(Attempts = 10, DelaysInSeconds = [5, 10, 20, 30, 60, 60, 120, 120, 300, 300])] // throttling and transient faults
public sealed class PrewarmJob(ProvisioningService provisioning)
{
    [JobDisplayName("Pre-warm request {0}")]
    public Task RunAsync(Guid requestId, CancellationToken ct) => provisioning.PrewarmAsync(requestId, ct);
}
