namespace CapacityConsole.Scheduler.Requests;

/// <summary>
/// Schedules a request's timed jobs (implemented over Hangfire by the console). Scheduling happens
/// after the state change is committed; if the process dies in between, the reconciler finds the
/// request Scheduled without its job and schedules it again, so nothing is lost.
/// </summary>
public interface IJobScheduler
{
    void SchedulePrewarm(Guid requestId, DateTimeOffset at);
    void ScheduleRelease(Guid requestId, DateTimeOffset at);
}
