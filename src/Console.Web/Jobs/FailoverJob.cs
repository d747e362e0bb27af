using CapacityConsole.Scheduler.Failover;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Fails over every request with work in a Down zone; started when on-call marks a zone Down.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the reconciler's minutely pass finishes whatever a run leaves
public sealed class FailoverJob(FailoverExecutor executor)
{
    [JobDisplayName("Fail over (marked Down by {0})")]
    public async Task<int> RunAsync(string actor, CancellationToken ct) => (await executor.FailOverAllAsync(actor, ct)).Count;
}
