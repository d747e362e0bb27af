using CapacityConsole.Scheduler.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// A page that re-renders when the domain publishes something it watches. Updates arrive on the
/// publisher's thread, so they are marshalled onto the circuit with InvokeAsync; bursts coalesce
/// (one refresh runs at a time and one more follows if anything arrived meanwhile), so a
/// provisioning order of hundreds of batches does not queue hundreds of reloads. Reloads of one
/// page are also at least <see cref="LivePageOptions.PageRefreshInterval"/> apart: each is a
/// database read per open circuit, so with hundreds of dashboards an unpaced stream of updates
/// would be hundreds of reads per update. No update inside the interval is lost: the reload at the
/// interval's end is passed all of them, the latest state of each subject (<see cref="LiveCoalescer"/>)
/// and every alert, so a zone change followed by a capacity sample is not hidden behind the sample.
/// A page that falls more than <see cref="MaxPending"/> subjects behind is passed one
/// <see cref="LiveResynced"/> instead and reloads everything. Failures go to the circuit's error UI
/// through DispatchExceptionAsync instead of vanishing on a thread pool.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    [Inject] protected LiveNotifier Live { get; set; } = default!;

    // Named apart from the pages' own injected Clock: Blazor refuses two [Inject] properties of one name.
    [Inject] private TimeProvider LiveClock { get; set; } = default!;
    [Inject] private IOptions<LivePageOptions> LivePaging { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _gone = new();
    private int _pending; // 0 idle, 1 running, 2 running with another refresh due
    private long? _lastReload; // LiveClock timestamp of the last reload's start
    private readonly LiveCoalescer _arrived = new(MaxPending);
    private volatile bool _fellBehind; // an update did not fit: the next reload is a resync
    private long _latestAt; // UtcTicks of when the latest update reached the page
    private volatile bool _disposed;

    /// <summary>Distinct subjects (and alerts) one page holds between two reloads; more and it reloads everything.</summary>
    public const int MaxPending = 256;

    /// <summary>Subscribes to a key for the component's lifetime.</summary>
    protected void Watch(string key) => _subscriptions.Add(Live.Subscribe(key, OnPublished));

    /// <summary>Replaces every subscription with these keys (a page whose route parameter changed).</summary>
    protected void WatchOnly(params string[] keys)
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        foreach (var key in keys) Watch(key);
    }

    /// <summary>
    /// Called on the circuit once per burst with everything that arrived since the last call, in the
    /// order the subjects first arrived: the latest update of each subject, and each alert.
    /// </summary>
    protected abstract Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates);

    /// <summary>
    /// When the latest update being handled reached this page (LiveClock time). It was committed before it was
    /// published, so any read begun after this moment sees it (see ZoneOverviewQuery.GetReadAfterAsync).
    /// </summary>
    protected DateTimeOffset LiveUpdateReceivedAt { get; private set; }

    private void OnPublished(LiveUpdate update)
    {
        if (_disposed) return;
        // Queued before the flag, so a running refresh that sees "another due" also sees this update.
        Interlocked.Exchange(ref _latestAt, LiveClock.GetUtcNow().UtcTicks);
        if (!_arrived.Offer(update)) _fellBehind = true;
        if (Interlocked.Exchange(ref _pending, 2) != 0) return;
        // Off the publisher's thread: it is delivering the same update to every other open page (and is
        // often an API call waiting to answer), so it only notes the update here and moves on. The pages
        // then receive it within moments of each other, before most reloads begin, so they share a read.
        _ = Task.Run(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        try
        {
            do
            {
                // The wait is off the circuit's dispatcher: the page stays responsive, and updates
                // arriving meanwhile only replace _latest.
                if (_lastReload is { } last && LivePaging.Value.PageRefreshInterval - LiveClock.GetElapsedTime(last) is { Ticks: > 0 } wait)
                    await Task.Delay(wait, LiveClock, _gone.Token);
                Interlocked.Exchange(ref _pending, 1);
                if (_disposed) return;
                _lastReload = LiveClock.GetTimestamp();
                await InvokeAsync(async () =>
                {
                    if (_disposed) return;
                    var updates = _arrived.Drain();
                    var receivedAt = new DateTimeOffset(Interlocked.Read(ref _latestAt), TimeSpan.Zero);
                    if (_fellBehind)
                    {
                        _fellBehind = false;
                        updates = [new LiveResynced(receivedAt)];
                    }
                    if (updates.Count == 0) return;
                    LiveUpdateReceivedAt = receivedAt;
                    await OnLiveUpdatesAsync(updates);
                    StateHasChanged();
                });
            } while (Interlocked.CompareExchange(ref _pending, 0, 1) != 1);
        }
        catch (OperationCanceledException) when (_gone.IsCancellationRequested)
        {
            // The page went away while its next reload waited.
        }
        catch (Exception e)
        {
            Interlocked.Exchange(ref _pending, 0);
            await InvokeAsync(() => DispatchExceptionAsync(e));
        }
    }

    public virtual void Dispose()
    {
        _disposed = true;
        _gone.Cancel(); // not disposed: a refresh on its way may still read its token
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
