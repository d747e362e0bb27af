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
/// A subject may also have a sustained pace slower than that (<c>paceOf</c>, asked at each drain; the
/// SignalR bridge paces a subject by what one send of it costs, i.e. by how many watch it). The pace is
/// a rate, not a spacing (a token bucket of two sends, kept as one theoretical time per subject): a
/// subject that changes now and then still goes at once, and two changes close together go an interval
/// apart; only one that keeps changing is slowed to its pace, and still carries its latest state.
/// </para>
/// </summary>
public sealed class LiveCoalescer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slotOfSubject = new(StringComparer.Ordinal);
    // Per drained subject: until when it holds back its next state, and its pace's theoretical time (the
    // time its sends would have reached, one per pace; a bucket of two sends lets it run one pace ahead).
    // Kept only while either is still ahead.
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly long _interval; // in the clock's timestamp units; 0 = not paced
    private readonly Func<LiveUpdate, TimeSpan>? _paceOf;
    private List<Entry> _pending = [];
    private TaskCompletionSource _arrived = NewSignal();
    private long _merged;
    private long _dropped;

    private readonly record struct Entry(LiveUpdate Update, long Due);

    private readonly record struct Hold(long Until, long Theoretical);

    /// <summary>An unpaced queue: whatever is pending is due.</summary>
    public LiveCoalescer(int capacity) : this(capacity, TimeSpan.Zero, TimeProvider.System) { }

    /// <summary>
    /// A queue that lets each subject out at most once per <paramref name="interval"/>, and a subject that
    /// keeps changing at most once per the pace <paramref name="paceOf"/> gives for its state just drained.
    /// </summary>
    public LiveCoalescer(int capacity, TimeSpan interval, TimeProvider clock, Func<LiveUpdate, TimeSpan>? paceOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        Capacity = capacity;
        Interval = interval;
        _clock = clock;
        _interval = Ticks(interval);
        _paceOf = paceOf;
    }

    public int Capacity { get; }

    /// <summary>The shortest time between two drains of one subject (zero: not paced, unless a subject has a pace of its own).</summary>
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
                if (_holds.TryGetValue(fresh, out var hold) && now < hold.Until) due = hold.Until;
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
                if (entry.Update.Subject is { } subject) HoldBack(subject, entry.Update, now);
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

    // Under _gate, for a subject just drained: the interval holds its next state back; a pace slower than
    // the interval moves its theoretical time one pace on and holds the next state until that is at most
    // one pace ahead (the bucket's second send).
    private void HoldBack(string subject, LiveUpdate drained, long now)
    {
        var pace = _paceOf is null ? 0 : Ticks(_paceOf(drained));
        if (pace <= _interval)
        {
            if (_interval > 0) _holds[subject] = new Hold(now + _interval, 0);
            return;
        }
        var theoretical = Math.Max(_holds.TryGetValue(subject, out var held) ? held.Theoretical : 0, now) + pace;
        _holds[subject] = new Hold(Math.Max(now + _interval, theoretical - pace), theoretical);
    }

    // Under _gate. A subject whose hold has ended and whose pace has caught up is due at once again and
    // has a full bucket: no need to remember it.
    private void ForgetHoldsEndedBy(long now)
    {
        if (_holds.Count == 0) return;
        List<string>? ended = null;
        foreach (var (subject, hold) in _holds)
            if (hold.Until <= now && hold.Theoretical <= now) (ended ??= []).Add(subject);
        if (ended is not null) foreach (var subject in ended) _holds.Remove(subject);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
