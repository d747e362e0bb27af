using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Requests;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Schedules a request's timed jobs in Hangfire, where they show in the dashboard. Hangfire waits by
/// its own wall clock, so the job is scheduled after a delay measured on the console's clock
/// (at − now), not at an absolute time: the domain's "due" and Hangfire's "due" then agree, also
/// when a test moves the console's clock. A job already due is enqueued at once.
/// </summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs, TimeProvider clock) : IJobScheduler, IFailoverJobs
{
    public void SchedulePrewarm(Guid requestId, DateTimeOffset at)
    {
        var delay = at - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero) jobs.Enqueue<PrewarmJob>(j => j.RunAsync(requestId, CancellationToken.None));
        else jobs.Schedule<PrewarmJob>(j => j.RunAsync(requestId, CancellationToken.None), delay);
    }

    public void ScheduleRelease(Guid requestId, DateTimeOffset at)
    {
        var delay = at - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero) jobs.Enqueue<ReleaseJob>(j => j.RunAsync(requestId, CancellationToken.None));
        else jobs.Schedule<ReleaseJob>(j => j.RunAsync(requestId, CancellationToken.None), delay);
    }

    public void ScheduleFailover(string actor) => jobs.Enqueue<FailoverJob>(j => j.RunAsync(actor, CancellationToken.None));
}
