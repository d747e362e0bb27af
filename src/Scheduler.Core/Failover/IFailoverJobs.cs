namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// Runs a failover in the background (over Hangfire in the console), so marking a zone Down returns at
/// once and the on-call page watches the failover progress live. If the process dies before the job
/// runs, the reconciler's next pass fails over every request with work in a Down zone anyway.
/// </summary>
public interface IFailoverJobs
{
    void ScheduleFailover(string actor);
}
