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

    /// <summary>
    /// Sends one flush of the fan-out and returns at once: each message is serialized once per
    /// protocol, and each viewer gets all of its messages back to back, so SignalR's transport can
    /// put them into one WebSocket frame (one send per viewer and flush, not one per message). A
    /// viewer that is behind keeps only the latest per subject (<see cref="LiveViewer"/>).
    /// </summary>
    public void SendLatest(IReadOnlyList<Outgoing> flush, TimeSpan slowViewerTimeout)
    {
        if (flush.Count == 1)
        {
            // The common case after a quiet spell: no per-viewer grouping needed.
            var only = flush[0];
            if (!_groups.TryGetValue(only.Group, out var group) || group.IsEmpty) return;
            var message = Serialize(only);
            foreach (var viewer in group.Values) Send(viewer, only.Subject, message, slowViewerTimeout);
            return;
        }
        var perViewer = new Dictionary<LiveViewer, List<(string Subject, SerializedHubMessage Message)>>(ReferenceEqualityComparer.Instance);
        foreach (var outgoing in flush)
        {
            if (!_groups.TryGetValue(outgoing.Group, out var group) || group.IsEmpty) continue;
            var message = Serialize(outgoing);
            foreach (var viewer in group.Values)
            {
                if (!perViewer.TryGetValue(viewer, out var list)) perViewer[viewer] = list = new(flush.Count);
                list.Add((outgoing.Subject, message));
            }
        }
        foreach (var (viewer, messages) in perViewer)
            foreach (var (subject, message) in messages)
                if (!Send(viewer, subject, message, slowViewerTimeout)) break;
    }

    private static SerializedHubMessage Serialize(Outgoing outgoing) =>
        new(new InvocationMessage(outgoing.Method, [outgoing.Argument]));

    private bool Send(LiveViewer viewer, string subject, SerializedHubMessage message, TimeSpan slowViewerTimeout)
    {
        if (viewer.Send(subject, message, slowViewerTimeout)) return true;
        Interlocked.Increment(ref _disconnectedAsSlow);
        return false;
    }
}
