using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// The in-process fan-out of live updates: pages subscribe per key (a request, a zone, or all) and
/// the SignalR bridge subscribes to all. Publishing never waits for or fails because of a viewer:
/// a throwing handler is logged and the others still get the update.
/// </summary>
public sealed class LiveNotifier(ILogger<LiveNotifier> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action<LiveUpdate>>> _subscribers = new();

    public IDisposable Subscribe(string key, Action<LiveUpdate> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(key, _ => new()).TryAdd(id, handler);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(key, out var handlers)) handlers.TryRemove(id, out _);
        });
    }

    public void Publish(LiveUpdate update)
    {
        foreach (var key in update.Keys.Append(LiveKeys.All))
        {
            if (!_subscribers.TryGetValue(key, out var handlers)) continue;
            foreach (var handler in handlers.Values)
            {
                try { handler(update); }
                catch (Exception e) { logger.LogWarning(e, "A live-update subscriber of {Key} failed; the others still got the update.", key); }
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
