using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CapacityConsole.Web.Hubs;

/// <summary>One hub message of a fan-out send and the state it carries (a newer one of its subject replaces it).</summary>
internal readonly record struct LiveMessage(string Subject, SerializedHubMessage Message);

/// <summary>
/// What one viewer gets from one send: its messages and, for its protocol, their framed bytes back to
/// back as a single write. Hub messages are self-delimiting (a length prefix in MessagePack, a record
/// separator in JSON), so the client reads them as the same separate invocations; the server makes one
/// pipe flush, one WebSocket frame and one socket send instead of one per message. (Only without
/// stateful reconnect, which counts written messages; the console does not enable it.)
/// </summary>
internal sealed class LiveWrite
{
    private LiveWrite(IReadOnlyList<LiveMessage> parts, SerializedHubMessage combined)
    {
        Parts = parts;
        Combined = combined;
    }

    public IReadOnlyList<LiveMessage> Parts { get; }

    public SerializedHubMessage Combined { get; }

    /// <summary>The messages whose bit is set in <paramref name="mask"/>, for one protocol.</summary>
    public static LiveWrite Of(LiveMessage[] messages, ulong mask, IHubProtocol protocol)
    {
        var parts = new List<LiveMessage>(System.Numerics.BitOperations.PopCount(mask));
        for (var i = 0; i < messages.Length; i++)
            if ((mask & (1UL << i)) != 0) parts.Add(messages[i]);
        return Of(parts, protocol);
    }

    public static LiveWrite Of(IReadOnlyList<LiveMessage> parts, IHubProtocol protocol)
    {
        if (parts.Count == 1) return new LiveWrite(parts, parts[0].Message);
        var framed = new ReadOnlyMemory<byte>[parts.Count];
        var length = 0;
        for (var i = 0; i < parts.Count; i++) length += (framed[i] = parts[i].Message.GetSerializedMessage(protocol)).Length;
        var bytes = new byte[length];
        var at = 0;
        foreach (var part in framed)
        {
            part.CopyTo(bytes.AsMemory(at));
            at += part.Length;
        }
        return new LiveWrite(parts, new SerializedHubMessage([new SerializedMessage(protocol.Name, bytes)]));
    }
}
