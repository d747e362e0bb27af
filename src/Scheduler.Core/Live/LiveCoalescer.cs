namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// The one shape of a fan-out queue, used where live updates leave for many viewers (the SignalR
/// bridge) and for the other instances (the PostgreSQL relay): it keeps only the latest update per
/// <see cref="LiveUpdate.Subject"/>, so a reader that drains it less often than updates arrive gets
/// the current state of each request or zone, never a backlog of stale ones. Events (no subject)
/// are kept each. It is bounded: past <see cref="Capacity"/> pending entries a new subject or event
/// is dropped and counted (a newer update of a pending subject still replaces it), so a stalled
/// reader cannot grow memory. Drain returns the pending entries in the order their subjects first
/// arrived. Thread-safe; Offer never blocks the publisher beyond a short lock.
/// </summary>
public sealed class LiveCoalescer(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slotOfSubject = new(StringComparer.Ordinal);
    private List<LiveUpdate> _pending = [];
    private TaskCompletionSource _ready = NewSignal();
    private long _merged;
    private long _dropped;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Updates replaced by a newer one of their subject before they were sent.</summary>
    public long Merged => Interlocked.Read(ref _merged);

    /// <summary>Updates refused because the queue was full (the reader stalled).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count { get { lock (_gate) return _pending.Count; } }

    /// <summary>Queues an update, replacing the pending one of its subject; false when it was dropped (full).</summary>
    public bool Offer(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            if (update.Subject is { } subject && _slotOfSubject.TryGetValue(subject, out var slot))
            {
                _pending[slot] = update;
                _merged++;
                return true;
            }
            if (_pending.Count >= Capacity)
            {
                _dropped++;
                return false;
            }
            if (update.Subject is { } fresh) _slotOfSubject[fresh] = _pending.Count;
            _pending.Add(update);
            if (_pending.Count == 1) wake = _ready;
        }
        wake?.TrySetResult();
        return true;
    }

    /// <summary>Takes everything pending (possibly nothing).</summary>
    public IReadOnlyList<LiveUpdate> Drain()
    {
        lock (_gate)
        {
            if (_pending.Count == 0) return [];
            var taken = _pending;
            _pending = [];
            _slotOfSubject.Clear();
            _ready = NewSignal();
            return taken;
        }
    }

    /// <summary>Completes when at least one update is pending.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        Task ready;
        lock (_gate) ready = _pending.Count > 0 ? Task.CompletedTask : _ready.Task;
        return ready.WaitAsync(ct);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
