using CapacityConsole.Scheduler.Requests;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Schedules a request's timed jobs in Hangfire, where they show in the dashboard.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs) : IJobScheduler
{
    public void SchedulePrewarm(Guid requestId, DateTimeOffset at) =>
        jobs.Schedule<PrewarmJob>(j => j.RunAsync(requestId, CancellationToken.None), at);

    public void ScheduleRelease(Guid requestId, DateTimeOffset at) =>
        jobs.Schedule<ReleaseJob>(j => j.RunAsync(requestId, CancellationToken.None), at);
}
