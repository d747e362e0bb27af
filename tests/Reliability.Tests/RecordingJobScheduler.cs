using System.Collections.Concurrent;
using CapacityConsole.Scheduler.Requests;

namespace CapacityConsole.Reliability.Tests;

/// <summary>Stands in for Hangfire (an outside library): records what would be scheduled, for the test to run.</summary>
public sealed class RecordingJobScheduler : IJobScheduler
{
    public ConcurrentQueue<(string Job, Guid RequestId, DateTimeOffset At)> Scheduled { get; } = new();

    public void SchedulePrewarm(Guid requestId, DateTimeOffset at) => Scheduled.Enqueue(("prewarm", requestId, at));
    public void ScheduleRelease(Guid requestId, DateTimeOffset at) => Scheduled.Enqueue(("release", requestId, at));
}
