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
    private long _disconnectedAsSlow;

    /// <summary>Viewers disconnected because a write to them waited past the slow-viewer timeout.</summary>
    public long DisconnectedAsSlow => Interlocked.Read(ref _disconnectedAsSlow);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _viewers[connection.ConnectionId] = new LiveViewer(connection, clock);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _viewers.TryRemove(connection.ConnectionId, out _);
        foreach (var group in _groups.Values) group.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_viewers.TryGetValue(connectionId, out var viewer))
            _groups.GetOrAdd(groupName, _ => new(StringComparer.Ordinal))[connectionId] = viewer;
        return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_groups.TryGetValue(groupName, out var group)) group.TryRemove(connectionId, out _);
        return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="method"/>(<paramref name="argument"/>) to every viewer in the group,
    /// serialized once per protocol; returns at once. <paramref name="subject"/> names the state it
    /// carries, so a viewer that is behind keeps only the latest of it.
    /// </summary>
    public void SendLatest(string groupName, string subject, string method, object argument, TimeSpan slowViewerTimeout)
    {
        if (!_groups.TryGetValue(groupName, out var group) || group.IsEmpty) return;
        var message = new SerializedHubMessage(new InvocationMessage(method, [argument]));
        foreach (var viewer in group.Values)
            if (!viewer.Send(subject, message, slowViewerTimeout)) Interlocked.Increment(ref _disconnectedAsSlow);
    }
}
