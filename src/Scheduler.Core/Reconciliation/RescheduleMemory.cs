using System.Collections.Concurrent;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>
/// Which request's job the reconciler scheduled again, and when. A job it scheduled is pending in
/// Hangfire, so the next passes leave that request alone until the job has had time to run (else
/// every minute would queue one more copy). The memory is per process on purpose: after a restart
/// the in-memory Hangfire has lost the jobs too, and scheduling once more is exactly right.
/// </summary>
public sealed class RescheduleMemory
{
    private readonly ConcurrentDictionary<(Guid, string), DateTimeOffset> _scheduled = new();

    /// <summary>True (and remembered) when <paramref name="job"/> of the request was not scheduled within <paramref name="wait"/> before <paramref name="now"/>.</summary>
    public bool TryTake(Guid requestId, string job, DateTimeOffset now, TimeSpan wait)
    {
        var key = (requestId, job);
        if (_scheduled.TryGetValue(key, out var at) && now - at < wait) return false;
        _scheduled[key] = now;
        return true;
    }
}
