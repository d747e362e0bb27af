using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// The fan-out of live updates: pages subscribe per key (a request, a zone, or all) and the SignalR
/// bridge subscribes to all. Publishing never waits for or fails because of a viewer: a throwing
/// handler is logged and the others still get the update. An update published here reaches this
/// instance's subscribers at once and is handed to the <see cref="ILiveRelay"/>, which carries it to
/// the other instances (PostgreSQL LISTEN/NOTIFY; nothing on the embedded SQLite default).
/// </summary>
public sealed class LiveNotifier(ILogger<LiveNotifier> logger, ILiveRelay? relay = null)
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

    /// <summary>Delivers to this instance's subscribers and relays to the other instances.</summary>
    public void Publish(LiveUpdate update)
    {
        DeliverLocally(update);
        relay?.Relay(update);
    }

    /// <summary>
    /// Delivers an update that arrived from another instance (or a resync after a lost relay
    /// connection) to this instance's subscribers only, so it is never relayed back.
    /// </summary>
    public void DeliverLocally(LiveUpdate update)
    {
        // A resync concerns every viewer, whatever key it watches: it may have missed anything.
        var keys = update is LiveResynced ? _subscribers.Keys.ToList() : update.Keys.Append(LiveKeys.All);
        foreach (var key in keys)
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
