using CapacityConsole.Scheduler.Requests;

namespace CapacityConsole.Provisioning.Benchmarks;

/// <summary>
/// Stands in for Hangfire: remembers when the executor asked to run the pre-warm again (while
/// instances boot), and the benchmark runs it at that time. Hangfire itself would add its polling
/// delay for scheduled jobs (15 s by default), which is a deployment setting, not the executor's.
/// </summary>
public sealed class BenchJobScheduler : IJobScheduler
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _prewarm;

    public void SchedulePrewarm(Guid requestId, DateTimeOffset at)
    {
        lock (_gate) _prewarm = _prewarm is { } earlier && earlier < at ? earlier : at;
    }

    public void ScheduleRelease(Guid requestId, DateTimeOffset at) { } // the benchmark releases when it is done measuring

    public DateTimeOffset? TakePrewarm()
    {
        lock (_gate)
        {
            var at = _prewarm;
            _prewarm = null;
            return at;
        }
    }
}
