namespace CapacityConsole.Web.Hubs;

/// <summary>
/// Whether the last send's writes are still waiting to go out. A send hands each viewer's frame to
/// the thread pool (SignalR's transport sends it from there), so right after a send to 10,000 viewers
/// the pool's queue holds thousands of frames; the next send waits until the queue is short again
/// (at most <see cref="Scheduler.Live.LiveFanOutOptions.BacklogWait"/>) before it takes the latest states.
/// The queue is the process's, not only ours: other work counts too, which is right, since it shares
/// the same cores; the wait is bounded so a pool that never drains does not stop the stream.
/// </summary>
internal sealed class FanOutBacklog(TimeProvider clock, Func<long> queuedWork)
{
    /// <summary>A queue this short is one a new send's frames do not wait behind for long.</summary>
    public const long Short = 64;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    public FanOutBacklog(TimeProvider clock) : this(clock, () => ThreadPool.PendingWorkItemCount) { }

    /// <summary>Completes once the queue is short, or after <paramref name="atMost"/>; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitAsync(TimeSpan atMost, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        while (queuedWork() > Short)
        {
            var waited = clock.GetElapsedTime(started);
            if (waited >= atMost) return waited;
            await Task.Delay(Poll < atMost - waited ? Poll : atMost - waited, clock, ct);
        }
        return clock.GetElapsedTime(started);
    }
}
