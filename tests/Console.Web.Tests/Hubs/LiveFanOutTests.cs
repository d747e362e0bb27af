using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Hubs;
using CapacityConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Hubs;

/// <summary>
/// Issue 15's fan-out over a real Kestrel socket (a slow viewer needs real TCP back-pressure): bursts
/// reach a viewer coalesced, ending with the latest state, on JSON and MessagePack alike; a viewer
/// that stops reading is disconnected and never holds up the others.
/// </summary>
public sealed class LiveFanOutTests(LiveFanOutTests.KestrelConsole console) : IClassFixture<LiveFanOutTests.KestrelConsole>
{
    // A safety net so a broken stream fails the test instead of hanging it; never a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BurstOfOneRequest_ReachesJsonAndMessagePackViewers_AsFewMessages_EndingWithTheLatest()
    {
        var cookie = await console.SignInAsync();
        var watched = Guid.NewGuid();
        var viewers = new List<(HubConnection Connection, Channel<RequestProgressed> Received)>();
        foreach (var messagePack in new[] { false, true })
        {
            var connection = console.Connect(cookie, messagePack);
            var received = Channel.CreateUnbounded<RequestProgressed>();
            connection.On<RequestProgressed>(nameof(IConsoleClient.RequestProgressed), u => received.Writer.TryWrite(u));
            await connection.StartAsync();
            await connection.InvokeAsync(nameof(ConsoleHub.SubscribeRequest), watched);
            viewers.Add((connection, received));
        }
        var notifier = console.Services.GetRequiredService<LiveNotifier>();
        const int Updates = 2_000;

        var burst = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= Updates; i++)
            notifier.Publish(new RequestProgressed(watched, RequestState.Provisioning, i, Updates, $"batch {i}", DateTimeOffset.UtcNow));
        burst.Stop();

        // At most one send per interval while the burst lasted, plus the first at once and the one after it.
        var interval = console.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiveFanOutOptions>>().Value.CoalesceInterval;
        var bound = (int)Math.Ceiling(burst.Elapsed / interval) + 2;
        foreach (var (connection, received) in viewers)
        {
            var seen = new List<RequestProgressed>();
            while (true)
            {
                // Until the burst's last state: it must come (never lost behind the pacing).
                var update = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
                seen.Add(update);
                if (update.DeliveredCores == Updates) break;
            }
            Assert.InRange(seen.Count, 1, Math.Min(bound, Updates / 10));
            Assert.Equal((Updates, $"batch {Updates}"), (seen[^1].DeliveredCores, seen[^1].Message));
            Assert.Equal(seen.OrderBy(u => u.DeliveredCores).Select(u => u.DeliveredCores), seen.Select(u => u.DeliveredCores));
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task ViewerThatStopsReading_IsDisconnected_AndTheOthersGetEveryLatestState()
    {
        var cookie = await console.SignInAsync();
        var requests = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        // The slow viewer: a raw WebSocket that subscribes, then never reads again.
        using var slow = await console.OpenRawAsync(cookie, requests);
        await using var fast = console.Connect(cookie, messagePack: true);
        var finals = new HashSet<Guid>();
        var allFinal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Rounds = 20;
        fast.On<RequestProgressed>(nameof(IConsoleClient.RequestProgressed), u =>
        {
            lock (finals)
                if (u.DeliveredCores == Rounds && finals.Add(u.RequestId) && finals.Count == requests.Count) allFinal.TrySetResult();
        });
        await fast.StartAsync();
        foreach (var id in requests) await fast.InvokeAsync(nameof(ConsoleHub.SubscribeRequest), id);

        // 40 subjects × 64 KB a round, sent once a round: far more than the loopback socket buffers
        // hold for a reader that does not read.
        var notifier = console.Services.GetRequiredService<LiveNotifier>();
        var padding = new string('x', 64 * 1024);
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var id in requests) notifier.Publish(new RequestProgressed(id, RequestState.Provisioning, round, Rounds, padding, DateTimeOffset.UtcNow));
            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }

        await allFinal.Task.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Connected, fast.State);
        // Now the slow viewer reads what its buffers hold: the server has closed its connection behind it.
        Assert.True(await RawViewer.EndsClosedAsync(slow).WaitAsync(Patience), "the slow viewer was still connected");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SeveralMessagesForOneViewerInOneSend_GoAsOneWrite_AndReachTheClientAsEachItsOwnInvocation(bool messagePack)
    {
        var requests = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        await using var connection = console.Connect(await console.SignInAsync(), messagePack);
        var received = Channel.CreateUnbounded<RequestProgressed>();
        connection.On<RequestProgressed>(nameof(IConsoleClient.RequestProgressed), u => received.Writer.TryWrite(u));
        await connection.StartAsync();
        foreach (var id in requests) await connection.InvokeAsync(nameof(ConsoleHub.SubscribeRequest), id);
        var flush = requests.Select((id, i) => new ConsoleHubLifetimeManager.Outgoing(ConsoleHub.RequestGroup(id), LiveKeys.Request(id),
            nameof(IConsoleClient.RequestProgressed), new RequestProgressed(id, RequestState.Provisioning, i + 1, 3, $"part {i + 1}", DateTimeOffset.UtcNow))).ToList();

        console.Services.GetRequiredService<ConsoleHubLifetimeManager>().SendLatest(flush, TimeSpan.FromSeconds(5));

        var got = new List<RequestProgressed>();
        for (var i = 0; i < requests.Count; i++) got.Add(await received.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(requests, got.Select(g => g.RequestId));
        Assert.Equal(["part 1", "part 2", "part 3"], got.Select(g => g.Message));
    }

    [Fact]
    public async Task GroupsOfAViewerThatLeft_AreForgotten()
    {
        var viewers = console.Services.GetRequiredService<ConsoleHubLifetimeManager>();
        var watched = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var connection = console.Connect(await console.SignInAsync(), messagePack: false);
        await connection.StartAsync();
        foreach (var id in watched) await connection.InvokeAsync(nameof(ConsoleHub.SubscribeRequest), id);
        Assert.All(watched, id => Assert.True(viewers.HasGroup(ConsoleHub.RequestGroup(id))));

        await connection.DisposeAsync();

        // The server notices the close on its own time: wait for it (bounded), then check.
        using var patience = new CancellationTokenSource(Patience);
        while (watched.Any(id => viewers.HasGroup(ConsoleHub.RequestGroup(id))) && !patience.IsCancellationRequested) await Task.Delay(50);
        Assert.All(watched, id => Assert.False(viewers.HasGroup(ConsoleHub.RequestGroup(id))));
    }

    /// <summary>The console on a real Kestrel port with a short slow-viewer timeout.</summary>
    public sealed class KestrelConsole : WebApplicationFactory<CapacityConsole.Web.Components.App>
    {
        private readonly string _data = Directory.CreateTempSubdirectory("cc-web-live-").FullName;
        private Uri? _address;

        public KestrelConsole() => UseKestrel(0);

        public Uri Address
        {
            get
            {
                if (_address is not null) return _address;
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                return _address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                    .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataDirectory", _data);
            builder.UseSetting("Demo:Password", ConsoleFactory.DemoPassword);
            builder.UseSetting("Demo:FlashSale", "false");
            builder.UseSetting("Live:SlowViewerTimeout", "00:00:01");
        }

        public async Task<string> SignInAsync()
        {
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
            var response = await SignedInClient.PostSignInAsync(http, "viewer", ConsoleFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return cookies.GetCookieHeader(Address);
        }

        public HubConnection Connect(string cookie, bool messagePack)
        {
            var builder = new HubConnectionBuilder().WithUrl(new Uri(Address, ConsoleHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
            });
            if (messagePack) builder.AddMessagePackProtocol();
            else builder.AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
            return builder.Build();
        }

        public Task<ClientWebSocket> OpenRawAsync(string cookie, IReadOnlyList<Guid> requests) =>
            RawViewer.OpenAsync(new Uri(Address, ConsoleHub.Path), cookie, requests);

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await TempFolder.DeleteAsync(_data);
        }
    }

    /// <summary>A hub viewer speaking the SignalR JSON protocol by hand, so it can stop reading at will.</summary>
    private static class RawViewer
    {
        private const char Separator = '\u001e';

        public static async Task<ClientWebSocket> OpenAsync(Uri hub, string cookie, IReadOnlyList<Guid> requests)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Cookie", cookie);
            var ws = new UriBuilder(hub) { Scheme = "ws" }.Uri;
            await socket.ConnectAsync(ws, CancellationToken.None);
            await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}");
            await ReadFrameAsync(socket); // the handshake answer
            for (var i = 0; i < requests.Count; i++)
                await SendAsync(socket, $"{{\"type\":1,\"invocationId\":\"{i}\",\"target\":\"SubscribeRequest\",\"arguments\":[\"{requests[i]}\"]}}");
            // Read the completions so every subscription is in place before the viewer goes quiet.
            var completed = 0;
            while (completed < requests.Count)
                completed += (await ReadFrameAsync(socket)).Split(Separator).Count(m => m.Contains("\"type\":3", StringComparison.Ordinal));
            return socket;
        }

        /// <summary>Reads until the server closes the connection (true), or the whole stream ends without a close (false).</summary>
        public static async Task<bool> EndsClosedAsync(ClientWebSocket socket)
        {
            var buffer = new byte[1 << 16];
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) return true;
                    // A SignalR close message (type 7) is the server ending the connection too.
                    if (result.EndOfMessage && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"type\":7", StringComparison.Ordinal)) return true;
                }
            }
            catch (WebSocketException) { return true; } // the socket was reset under the reader
        }

        private static Task SendAsync(ClientWebSocket socket, string message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

        private static async Task<string> ReadFrameAsync(ClientWebSocket socket)
        {
            var buffer = new byte[1 << 16];
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            } while (!result.EndOfMessage);
            return text.ToString();
        }
    }
}
