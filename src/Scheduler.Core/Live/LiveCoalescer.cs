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
/// <para>
/// Paced (with an interval): each subject is due at most once per interval, leading edge first — a
/// subject that was not drained within the last interval is due at once, a hot one when its interval
/// since its last drain has passed, carrying its latest state. Pacing is per subject, not for the
/// whole queue, so a zone change never waits behind an unrelated request's send. Events are always due.
/// A subject's interval may be longer than the queue's (<c>intervalOf</c>, asked at each drain): the
/// SignalR bridge paces a subject by what one send of it costs, i.e. by how many watch it.
/// </para>
/// </summary>
public sealed class LiveCoalescer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slotOfSubject = new(StringComparer.Ordinal);
    // Until when each drained subject holds back its next state, kept only while that is still ahead.
    private readonly Dictionary<string, long> _heldUntil = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly long _interval; // in the clock's timestamp units; 0 = not paced
    private readonly Func<LiveUpdate, TimeSpan>? _intervalOf;
    private List<Entry> _pending = [];
    private TaskCompletionSource _arrived = NewSignal();
    private long _merged;
    private long _dropped;

    private readonly record struct Entry(LiveUpdate Update, long Due);

    /// <summary>An unpaced queue: whatever is pending is due.</summary>
    public LiveCoalescer(int capacity) : this(capacity, TimeSpan.Zero, TimeProvider.System) { }

    /// <summary>
    /// A queue that lets each subject out at most once per <paramref name="interval"/>, or per the longer
    /// interval <paramref name="intervalOf"/> gives for the state just drained.
    /// </summary>
    public LiveCoalescer(int capacity, TimeSpan interval, TimeProvider clock, Func<LiveUpdate, TimeSpan>? intervalOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        Capacity = capacity;
        Interval = interval;
        _clock = clock;
        _interval = Ticks(interval);
        _intervalOf = intervalOf;
    }

    public int Capacity { get; }

    /// <summary>The shortest time between two drains of one subject (zero: not paced, unless a subject's own interval says otherwise).</summary>
    public TimeSpan Interval { get; }

    /// <summary>Updates replaced by a newer one of their subject before they were sent.</summary>
    public long Merged => Interlocked.Read(ref _merged);

    /// <summary>Updates refused because the queue was full (the reader stalled).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count { get { lock (_gate) return _pending.Count; } }

    /// <summary>Queues an update, replacing the pending one of its subject; false when it was dropped (full).</summary>
    public bool Offer(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (update.Subject is { } subject && _slotOfSubject.TryGetValue(subject, out var slot))
            {
                // The subject keeps its place and its due time: a burst is one state, not a later one.
                _pending[slot] = _pending[slot] with { Update = update };
                _merged++;
                return true;
            }
            if (_pending.Count >= Capacity)
            {
                _dropped++;
                return false;
            }
            var now = _clock.GetTimestamp();
            var due = now;
            if (update.Subject is { } fresh)
            {
                _slotOfSubject[fresh] = _pending.Count;
                if (_heldUntil.TryGetValue(fresh, out var until) && now < until) due = until;
            }
            _pending.Add(new Entry(update, due));
            wake = _arrived;
        }
        wake.TrySetResult();
        return true;
    }

    /// <summary>Takes everything that is due (possibly nothing); a paced subject not yet due stays pending.</summary>
    public IReadOnlyList<LiveUpdate> Drain()
    {
        lock (_gate)
        {
            if (_pending.Count == 0) return [];
            var now = _clock.GetTimestamp();
            ForgetHoldsEndedBy(now);
            var taken = new List<LiveUpdate>(_pending.Count);
            List<Entry>? kept = null;
            foreach (var entry in _pending)
            {
                if (entry.Due > now)
                {
                    (kept ??= []).Add(entry);
                    continue;
                }
                taken.Add(entry.Update);
                if (entry.Update.Subject is { } subject && HoldOf(entry.Update) is > 0 and var hold) _heldUntil[subject] = now + hold;
            }
            _pending = kept ?? [];
            _slotOfSubject.Clear();
            for (var i = 0; i < _pending.Count; i++) _slotOfSubject[_pending[i].Update.Subject!] = i;
            return taken;
        }
    }

    /// <summary>Completes when at least one pending update is due (at once for an unpaced queue with anything pending).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            Task arrived;
            TimeSpan wait;
            lock (_gate)
            {
                if (_arrived.Task.IsCompleted) _arrived = NewSignal();
                arrived = _arrived.Task;
                if (_pending.Count == 0) wait = Timeout.InfiniteTimeSpan;
                else
                {
                    var earliest = long.MaxValue;
                    foreach (var entry in _pending) earliest = Math.Min(earliest, entry.Due);
                    var now = _clock.GetTimestamp();
                    if (earliest <= now) return;
                    wait = _clock.GetElapsedTime(now, earliest);
                }
            }
            // A new subject may be due before the earliest pending one: its arrival wakes the wait too.
            if (wait == Timeout.InfiniteTimeSpan) await arrived.WaitAsync(ct);
            else
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(wait, _clock, timer.Token);
                await Task.WhenAny(arrived, delay);
                await timer.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    // Under _gate: how long the subject of a state just drained holds back its next one.
    private long HoldOf(LiveUpdate drained) => _intervalOf is null ? _interval : Math.Max(_interval, Ticks(_intervalOf(drained)));

    // Under _gate. A subject whose hold has ended is due at once again: no need to remember it.
    private void ForgetHoldsEndedBy(long now)
    {
        if (_heldUntil.Count == 0) return;
        List<string>? ended = null;
        foreach (var (subject, until) in _heldUntil)
            if (until <= now) (ended ??= []).Add(subject);
        if (ended is not null) foreach (var subject in ended) _heldUntil.Remove(subject);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
