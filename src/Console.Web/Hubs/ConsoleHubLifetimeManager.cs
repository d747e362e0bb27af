using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// SignalR's in-memory lifetime manager for <see cref="ConsoleHub"/>, which also keeps each group's
/// connections as <see cref="LiveViewer"/>s so the fan-out can send one serialized message to a
/// whole group without waiting for, or queueing without bound behind, a viewer that does not read.
/// (SignalR's own group send waits for every member's write, so one stuck viewer would stall the stream.)
/// </summary>
internal sealed class ConsoleHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ConsoleHub>> logger, TimeProvider clock)
    : DefaultHubLifetimeManager<ConsoleHub>(logger)
{
    private readonly ConcurrentDictionary<string, LiveViewer> _viewers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LiveViewer>> _groups = new(StringComparer.Ordinal);
    private readonly Lock _membership = new(); // joins and leaves (rare next to sends, which read without it)
    private long _disconnectedAsSlow;

    /// <summary>Viewers disconnected because a write to them waited past the slow-viewer timeout.</summary>
    public long DisconnectedAsSlow => Interlocked.Read(ref _disconnectedAsSlow);

    /// <summary>Whether the group has at least one viewer (kept only while it has).</summary>
    internal bool HasGroup(string groupName) => _groups.ContainsKey(groupName);

    /// <summary>How many viewers the group has (asked once per send of a subject, not per viewer).</summary>
    internal int ViewersOf(string groupName) => _groups.TryGetValue(groupName, out var group) ? group.Count : 0;

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _viewers[connection.ConnectionId] = new LiveViewer(connection, clock);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_viewers.TryRemove(connection.ConnectionId, out var viewer))
            lock (_membership)
                foreach (var groupName in viewer.Groups) Leave(groupName, connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_viewers.TryGetValue(connectionId, out var viewer))
            lock (_membership)
            {
                _groups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))[connectionId] = viewer;
                viewer.Groups.Add(groupName);
            }
        return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_viewers.TryGetValue(connectionId, out var viewer))
            lock (_membership)
            {
                Leave(groupName, connectionId);
                viewer.Groups.Remove(groupName);
            }
        return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    // Under _membership. An empty group is dropped: one group per request ever watched must not pile up.
    private void Leave(string groupName, string connectionId)
    {
        if (!_groups.TryGetValue(groupName, out var group)) return;
        group.TryRemove(connectionId, out _);
        if (group.IsEmpty) _groups.TryRemove(groupName, out _);
    }

    /// <summary>One message of a send: to whom (a group), which state it carries (the subject), and what.</summary>
    public sealed record Outgoing(string Group, string Subject, string Method, object Argument);

    // At most this many messages are combined per viewer and write (one bit each in a viewer's mask).
    private const int PerWrite = 64;
    private readonly Lock _sending = new(); // one send at a time: the viewers' masks and _touched are its scratch
    private readonly List<LiveViewer> _touched = [];
    private long _flushes;

    /// <summary>
    /// Sends one flush of the fan-out and returns at once. Each message is serialized once per
    /// protocol; each viewer gets all of its messages of the flush as ONE write (their framed bytes
    /// back to back: one pipe flush, one WebSocket frame, one socket send), built once per distinct
    /// set of messages, so 10,000 viewers with the same subscriptions share one buffer. No per-viewer
    /// allocation: a viewer's messages of the flush are bits in its mask. A viewer that is behind keeps
    /// only the latest per subject (<see cref="LiveViewer"/>). Returns the number of writes.
    /// </summary>
    public int SendLatest(IReadOnlyList<Outgoing> flush, TimeSpan slowViewerTimeout)
    {
        var writes = 0;
        lock (_sending)
            for (var first = 0; first < flush.Count; first += PerWrite)
                writes += SendChunk(flush, first, Math.Min(PerWrite, flush.Count - first), slowViewerTimeout);
        return writes;
    }

    private int SendChunk(IReadOnlyList<Outgoing> flush, int first, int count, TimeSpan slowViewerTimeout)
    {
        var stamp = ++_flushes;
        var messages = new LiveMessage[count];
        _touched.Clear();
        for (var i = 0; i < count; i++)
        {
            var outgoing = flush[first + i];
            messages[i] = new LiveMessage(outgoing.Subject, new SerializedHubMessage(new InvocationMessage(outgoing.Method, [outgoing.Argument])));
            if (!_groups.TryGetValue(outgoing.Group, out var group)) continue;
            // The dictionary itself, not .Values: that takes every bucket's lock and copies 10,000 viewers per send.
            foreach (var (_, viewer) in group)
            {
                if (viewer.FlushStamp != stamp)
                {
                    viewer.FlushStamp = stamp;
                    viewer.FlushMask = 0;
                    _touched.Add(viewer);
                }
                viewer.FlushMask |= 1UL << i;
            }
        }
        // Keyed by the protocol instance (one per protocol in the process), not its name: no string hash per viewer.
        var writes = new Dictionary<(ulong Mask, IHubProtocol Protocol), LiveWrite>();
        foreach (var viewer in _touched)
        {
            var key = (viewer.FlushMask, viewer.Connection.Protocol);
            if (!writes.TryGetValue(key, out var write)) writes[key] = write = LiveWrite.Of(messages, key.FlushMask, key.Protocol);
            if (!viewer.Send(write, slowViewerTimeout)) Interlocked.Increment(ref _disconnectedAsSlow);
        }
        var written = _touched.Count;
        _touched.Clear();
        return written;
    }
}
