using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Storage;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Fails over every request with work in a Down zone; started when on-call marks a zone Down. One run
/// at a time through <see cref="ExclusiveRun"/> (a second finds the first at work and ends; see
/// <see cref="PrewarmJob"/> for why not DisableConcurrentExecution).
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the reconciler's pass finishes whatever a run leaves
public sealed class FailoverJob(FailoverExecutor executor, ExclusiveRun exclusive)
{
    /// <summary>Any constant will do; every instance must use the same one.</summary>
    public const long AdvisoryLockKey = 0x46_61696C6F766572;

    [JobDisplayName("Fail over (marked Down by {0})")]
    public async Task<int> RunAsync(string actor, CancellationToken ct)
    {
        var count = 0;
        await exclusive.TryRunAsync(AdvisoryLockKey, async () => count = (await executor.FailOverAllAsync(actor, ct)).Count, ct);
        return count;
    }
}
