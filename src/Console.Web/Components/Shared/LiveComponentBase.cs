using CapacityConsole.Scheduler.Live;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// A page that re-renders when the domain publishes something it watches. Updates arrive on the
/// publisher's thread, so they are marshalled onto the circuit with InvokeAsync; bursts coalesce
/// (one refresh runs at a time and one more follows if anything arrived meanwhile), so a
/// provisioning order of hundreds of batches does not queue hundreds of reloads. Failures go to
/// the circuit's error UI through DispatchExceptionAsync instead of vanishing on a thread pool.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    [Inject] protected LiveNotifier Live { get; set; } = default!;

    private readonly List<IDisposable> _subscriptions = [];
    private int _pending; // 0 idle, 1 running, 2 running with another refresh due
    private bool _disposed;

    /// <summary>Subscribes to a key for the component's lifetime.</summary>
    protected void Watch(string key) => _subscriptions.Add(Live.Subscribe(key, OnPublished));

    /// <summary>Replaces every subscription with these keys (a page whose route parameter changed).</summary>
    protected void WatchOnly(params string[] keys)
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        foreach (var key in keys) Watch(key);
    }

    /// <summary>Called on the circuit for each burst of updates; the last update of the burst is passed.</summary>
    protected abstract Task OnLiveUpdateAsync(LiveUpdate update);

    private void OnPublished(LiveUpdate update)
    {
        if (_disposed) return;
        if (Interlocked.Exchange(ref _pending, 2) != 0) { _latest = update; return; }
        _latest = update;
        _ = InvokeAsync(async () =>
        {
            try
            {
                do
                {
                    Interlocked.Exchange(ref _pending, 1);
                    if (_disposed) return;
                    await OnLiveUpdateAsync(_latest!);
                    StateHasChanged();
                } while (Interlocked.CompareExchange(ref _pending, 0, 1) != 1);
            }
            catch (Exception e)
            {
                Interlocked.Exchange(ref _pending, 0);
                await DispatchExceptionAsync(e);
            }
        });
    }

    private volatile LiveUpdate? _latest;

    public virtual void Dispose()
    {
        _disposed = true;
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
