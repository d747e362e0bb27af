using Microsoft.AspNetCore.SignalR;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// One connection of <see cref="ConsoleHub"/> as the fan-out sees it: at most one write of ours in
/// flight. SignalR buffers up to 64 KB per connection and then makes the write wait; while it waits,
/// newer updates for this viewer are kept only as the latest per subject and sent, as one write, when
/// the write completes. A write that waits longer than the slow-viewer timeout disconnects the viewer
/// (its client reconnects and reloads), so a viewer that does not read costs a bounded amount of
/// memory and never holds up the others.
/// </summary>
internal sealed class LiveViewer(HubConnectionContext connection, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<string, LiveMessage>? _held; // subject -> latest message while a write waits
    private long _writingSince;
    private bool _writing;

    public HubConnectionContext Connection { get; } = connection;

    /// <summary>The groups it is in; changed only under the lifetime manager's membership lock.</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    // Scratch of ConsoleHubLifetimeManager.SendLatest (under its send lock): which messages of the
    // current send are this viewer's, without a per-viewer list.
    internal long FlushStamp;
    internal ulong FlushMask;

    /// <summary>Sends now, or holds it behind the waiting write; returns false when the viewer was disconnected as too slow.</summary>
    public bool Send(LiveWrite write, TimeSpan slowViewerTimeout)
    {
        lock (_gate)
        {
            if (_writing)
            {
                if (clock.GetElapsedTime(_writingSince) > slowViewerTimeout)
                {
                    _held = null;
                    Connection.Abort();
                    return false;
                }
                _held ??= new(StringComparer.Ordinal);
                foreach (var part in write.Parts) _held[part.Subject] = part;
                return true;
            }
            Write(write.Combined);
            return true;
        }
    }

    // Under _gate.
    private void Write(SerializedHubMessage message)
    {
        var write = Connection.WriteAsync(message);
        if (write.IsCompleted) return;
        _writing = true;
        _writingSince = clock.GetTimestamp();
        _ = AwaitAsync(write);
    }

    private async Task AwaitAsync(ValueTask write)
    {
        try { await write; }
        catch (Exception) { /* SignalR aborts the connection itself on a failed write */ }
        lock (_gate)
        {
            _writing = false;
            if (_held is not { Count: > 0 } held) return;
            _held = null;
            // Each held message is the latest of its subject: all of them in one write.
            Write(LiveWrite.Of([.. held.Values], Connection.Protocol).Combined);
        }
    }
}
