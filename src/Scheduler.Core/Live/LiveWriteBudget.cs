namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// How often the fan-out may send, from what its sends cost: a send of N writes (one per viewer) uses
/// N ÷ <see cref="LiveFanOutOptions.MaxWritesPerSecond"/> of a second, and the next send waits until
/// that has passed since this one. After a send to a few viewers the next goes almost at once; after
/// one to 10,000 it waits 400 ms (by default), and then carries the latest state of every subject
/// due, so a zone flapping under 10,000 viewers goes as often as the budget allows, never a stale state.
/// Without it, a hot subject with a large audience is sent every interval whatever that costs: one
/// send's frames fill the thread pool's queue, the API calls and the next send's frames wait behind
/// them, and every viewer's delay grows with the backlog (the "never a backlog" rule, applied to the
/// cores as well as to the queue of states). Not thread-safe: the fan-out's one loop uses it.
/// </summary>
public sealed class LiveWriteBudget(int maxWritesPerSecond, TimeProvider clock)
{
    private long _nextSendAt = long.MinValue; // clock timestamp

    /// <summary>How long the next send must wait (zero: it may go now).</summary>
    public TimeSpan WaitBeforeNextSend()
    {
        var now = clock.GetTimestamp();
        return now >= _nextSendAt ? TimeSpan.Zero : clock.GetElapsedTime(now, _nextSendAt);
    }

    /// <summary>A send of <paramref name="writes"/> writes went now.</summary>
    public void Spent(int writes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(writes);
        _nextSendAt = clock.GetTimestamp() + (long)((double)writes / maxWritesPerSecond * clock.TimestampFrequency);
    }
}
