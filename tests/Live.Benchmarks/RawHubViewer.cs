using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// One hub viewer on a bare <see cref="ClientWebSocket"/> speaking the SignalR JSON or MessagePack
/// protocol itself: the handshake, the subscriptions (written by SignalR's own protocol classes, so
/// they are exactly what a real client sends), pings, and reading the server's messages, of which
/// it decodes only what the benchmark measures (the target, the server timestamp <c>At</c>, a zone
/// change's reason). The SignalR client library costs ~0.8 of the machine's two cores at 10,000
/// viewers, on the cores the console needs; this reads the same stream for a fraction of that, so
/// the benchmark measures the server more than its client.
/// </summary>
/// <summary>What a viewer got: the server timestamp, whether it was a zone change (it has a reason), and whether it was the run's final one.</summary>
internal readonly record struct Receipt(DateTimeOffset At, bool ZoneChange, bool Final);

internal sealed class RawHubViewer : IDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly IHubProtocol Json = new JsonHubProtocol();
    private static readonly IHubProtocol MessagePack = new MessagePackHubProtocol();
    private static readonly IMessagePackFormatter<DateTimeOffset> Timestamp = MessagePackSerializerOptions.Standard.Resolver.GetFormatter<DateTimeOffset>()!;

    private readonly ClientWebSocket _socket = new();
    private readonly bool _messagePack;
    private static readonly byte[] FinalReason = Encoding.UTF8.GetBytes(HubViewers.FinalReason);
    private readonly Action<Receipt> _received;
    private readonly Action _closedAfterSubscribing;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[4096];
    private int _filled;
    private int _completions;
    private int _expectedCompletions;
    private int _closed;

    private RawHubViewer(bool messagePack, Action<Receipt> received, Action closedAfterSubscribing)
    {
        _messagePack = messagePack;
        _received = received;
        _closedAfterSubscribing = closedAfterSubscribing;
    }

    /// <summary>Set once the server closed the connection (or it failed).</summary>
    public bool Closed => Volatile.Read(ref _closed) == 1;

    /// <summary>Connects, shakes hands and makes the invocations, returning once the server has completed them all.</summary>
    public static async Task<RawHubViewer> ConnectAsync(Uri hub, string cookie, bool messagePack, IReadOnlyList<(string Target, object Argument)> invocations,
        Action<Receipt> received, Action closedAfterSubscribing, CancellationToken ct)
    {
        var viewer = new RawHubViewer(messagePack, received, closedAfterSubscribing);
        try
        {
            viewer._socket.Options.SetRequestHeader("Cookie", cookie);
            viewer._socket.Options.KeepAliveInterval = TimeSpan.Zero; // the hub's own pings keep it alive
            await viewer._socket.ConnectAsync(new UriBuilder(hub) { Scheme = "ws" }.Uri, ct);
            var handshake = new ArrayBufferWriter<byte>();
            HandshakeProtocol.WriteRequestMessage(new HandshakeRequestMessage(messagePack ? MessagePack.Name : Json.Name, 1), handshake);
            await viewer._socket.SendAsync(handshake.WrittenMemory, WebSocketMessageType.Text, true, ct);
            viewer._expectedCompletions = invocations.Count;
            _ = viewer.ReceiveLoopAsync();
            for (var i = 0; i < invocations.Count; i++)
            {
                var (target, argument) = invocations[i];
                await viewer.SendAsync(new InvocationMessage(i.ToString(System.Globalization.CultureInfo.InvariantCulture), target, [argument]), ct);
            }
            await viewer._subscribed.Task.WaitAsync(ct);
            return viewer;
        }
        catch
        {
            viewer.Dispose();
            throw;
        }
    }

    /// <summary>A ping, so the server does not time the viewer out while the others connect (only one sender calls this).</summary>
    public Task PingAsync() => Closed ? Task.CompletedTask : SendAsync(PingMessage.Instance, CancellationToken.None);

    private async Task SendAsync(HubMessage message, CancellationToken ct)
    {
        var bytes = (_messagePack ? MessagePack : Json).GetMessageBytes(message);
        await _socket.SendAsync(bytes, _messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, ct);
    }

    private async Task ReceiveLoopAsync()
    {
        var handshakeDone = false;
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                _filled += result.Count;
                var consumed = 0;
                if (!handshakeDone)
                {
                    var end = Array.IndexOf(_buffer, RecordSeparator, 0, _filled);
                    if (end < 0) continue;
                    if (!IsEmptyHandshakeResponse(_buffer.AsSpan(0, end))) throw new InvalidOperationException("handshake refused: " + Encoding.UTF8.GetString(_buffer, 0, end));
                    handshakeDone = true;
                    consumed = end + 1;
                }
                consumed += _messagePack ? ReadMessagePack(_buffer.AsSpan(consumed, _filled - consumed)) : ReadJson(_buffer.AsSpan(consumed, _filled - consumed));
                if (Volatile.Read(ref _closed) == 1) break;
                // Keep an incomplete message's start for the next read.
                _filled -= consumed;
                if (_filled > 0) Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled);
            }
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or MessagePackSerializationException or JsonException or OperationCanceledException or FormatException)
        {
            _subscribed.TrySetException(e);
        }
        MarkClosed();
    }

    private static bool IsEmptyHandshakeResponse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("error")) return false;
        return true;
    }

    /// <summary>Reads the complete messages at the start of <paramref name="bytes"/>; returns how many bytes they took.</summary>
    private int ReadMessagePack(ReadOnlySpan<byte> bytes)
    {
        var consumed = 0;
        while (TryReadLengthPrefix(bytes[consumed..], out var length, out var prefix) && consumed + prefix + length <= bytes.Length)
        {
            var body = new ReadOnlyMemory<byte>(_buffer, _filled - bytes.Length + consumed + prefix, length);
            consumed += prefix + length;
            OnMessagePack(body);
        }
        return consumed;
    }

    // SignalR frames each MessagePack message with its length as a base-128 varint.
    private static bool TryReadLengthPrefix(ReadOnlySpan<byte> bytes, out int length, out int prefix)
    {
        length = 0;
        for (prefix = 0; prefix < Math.Min(bytes.Length, 5); prefix++)
        {
            length |= (bytes[prefix] & 0x7f) << (7 * prefix);
            if ((bytes[prefix] & 0x80) == 0) { prefix++; return true; }
        }
        return false;
    }

    // [type, headers, ...]: an invocation is [1, headers, invocationId, target, arguments(, streamIds)].
    private void OnMessagePack(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        reader.ReadArrayHeader();
        switch (reader.ReadInt32())
        {
            case 1: // invocation
                reader.Skip(); // headers
                reader.Skip(); // invocation id (nil)
                reader.Skip(); // target
                if (reader.ReadArrayHeader() < 1) return;
                DateTimeOffset? at = null;
                var (zoneChange, final) = (false, false);
                var fields = reader.ReadMapHeader();
                for (var i = 0; i < fields; i++)
                {
                    // Names and the reason compared as bytes: no string per message in the load client.
                    if (!reader.TryReadStringSpan(out var name)) { reader.Skip(); reader.Skip(); continue; }
                    if (name.SequenceEqual("At"u8)) at = Timestamp.Deserialize(ref reader, MessagePackSerializerOptions.Standard);
                    else if (name.SequenceEqual("Reason"u8))
                    {
                        zoneChange = true;
                        if (reader.TryReadNil()) continue;
                        if (reader.TryReadStringSpan(out var reason)) final = reason.StartsWith(FinalReason);
                        else reader.Skip();
                    }
                    else reader.Skip();
                }
                if (at is { } stamp) _received(new Receipt(stamp, zoneChange, final));
                return;
            case 3: // completion of a subscription
                if (Interlocked.Increment(ref _completions) == _expectedCompletions) _subscribed.TrySetResult();
                return;
            case 7: // the server closes the connection
                MarkClosed();
                return;
        }
    }

    private int ReadJson(ReadOnlySpan<byte> bytes)
    {
        var consumed = 0;
        int end;
        while ((end = bytes[consumed..].IndexOf(RecordSeparator)) >= 0)
        {
            OnJson(bytes.Slice(consumed, end));
            consumed += end + 1;
        }
        return consumed;
    }

    // {"type":1,"target":"...","arguments":[{..."reason":"...","at":"..."}]}: the root's properties are at
    // depth 1, the argument's at depth 3 (a nested sample's own "at" is deeper and not the message's).
    private void OnJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var type = 0;
        DateTimeOffset? at = null;
        var (zoneChange, final) = (false, false);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("type")) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("at")) { reader.Read(); at = reader.GetDateTimeOffset(); }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("reason"))
            {
                reader.Read();
                zoneChange = true;
                final = reader.TokenType == JsonTokenType.String && reader.ValueSpan.StartsWith(FinalReason);
            }
        }
        switch (type)
        {
            case 1 when at is { } stamp: _received(new Receipt(stamp, zoneChange, final)); return;
            case 3: if (Interlocked.Increment(ref _completions) == _expectedCompletions) _subscribed.TrySetResult(); return;
            case 7: MarkClosed(); return;
        }
    }

    private void MarkClosed()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        // A viewer closed while connecting fails to connect instead (counted there).
        if (!_subscribed.TrySetException(new InvalidOperationException("the server closed the connection"))) _closedAfterSubscribing();
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
