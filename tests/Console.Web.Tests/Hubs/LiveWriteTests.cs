using System.Buffers;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CapacityConsole.Web.Tests.Hubs;

/// <summary>
/// A viewer's messages of one send go as one write: their framed bytes back to back, which SignalR's own
/// protocol reader must still read as the separate invocations, in order, in both protocols.
/// </summary>
public sealed class LiveWriteTests
{
    public static TheoryData<string> Protocols() => [new JsonHubProtocol().Name, new MessagePackHubProtocol().Name];

    private static IHubProtocol ProtocolNamed(string name) => name == "json" ? new JsonHubProtocol() : new MessagePackHubProtocol();

    [Theory]
    [MemberData(nameof(Protocols))]
    public void CombinedWrite_ReadsBackAsTheSelectedMessages_InOrder(string protocolName)
    {
        var protocol = ProtocolNamed(protocolName);
        var updates = Enumerable.Range(1, 5)
            .Select(i => new RequestProgressed(Guid.NewGuid(), RequestState.Provisioning, i, 5, $"batch {i}", DateTimeOffset.UnixEpoch.AddMinutes(i)))
            .ToList();
        var messages = updates.Select(u => new LiveMessage(u.Subject!, new SerializedHubMessage(new InvocationMessage(nameof(IConsoleClient.RequestProgressed), [u])))).ToArray();

        var write = LiveWrite.Of(messages, 0b10110, protocol); // the 2nd, 3rd and 5th

        Assert.Equal([updates[1].Subject, updates[2].Subject, updates[4].Subject], write.Parts.Select(p => p.Subject));
        var bytes = new ReadOnlySequence<byte>(write.Combined.GetSerializedMessage(protocol));
        var read = new List<RequestProgressed>();
        while (protocol.TryParseMessage(ref bytes, new Binder(), out var message))
            read.Add(Assert.IsType<RequestProgressed>(Assert.Single(Assert.IsType<InvocationMessage>(message).Arguments)));
        Assert.True(bytes.IsEmpty);
        Assert.Equal([2, 3, 5], read.Select(r => r.DeliveredCores));
        Assert.Equal([updates[1].RequestId, updates[2].RequestId, updates[4].RequestId], read.Select(r => r.RequestId));
    }

    [Fact]
    public void SingleMessage_IsWrittenAsItself()
    {
        var update = new RequestProgressed(Guid.NewGuid(), RequestState.Active, 1, 1, null, DateTimeOffset.UnixEpoch);
        var message = new LiveMessage(update.Subject!, new SerializedHubMessage(new InvocationMessage(nameof(IConsoleClient.RequestProgressed), [update])));

        Assert.Same(message.Message, LiveWrite.Of([message], 1, new JsonHubProtocol()).Combined);
    }

    private sealed class Binder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(RequestProgressed)];
        public Type GetReturnType(string invocationId) => typeof(object);
        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
