using System.Net;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Hubs;
using CapacityConsole.Web.Tests.Infrastructure;
using CapacityConsole.Web.Tests.Metrics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Hubs;

/// <summary>The live stream as an automation client sees it: a real SignalR client over the test server.</summary>
[Collection(MetricsScrapeCollection.Name)]
public sealed class ConsoleHubTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    // A safety net so a broken stream fails the test instead of hanging it; never a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ZoneSubscriber_GetsItsZonesHealthChange_AndNotAnotherZones()
    {
        await using var connection = await ConnectAsync(await SignInAsync("viewer"));
        var received = Channel.CreateUnbounded<ZoneHealthChanged>();
        connection.On<ZoneHealthChanged>(nameof(IConsoleClient.ZoneHealthChanged), u => received.Writer.TryWrite(u));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(ConsoleHub.SubscribeZone), "sh-3");

        var failover = factory.Services.GetRequiredService<FailoverService>();
        var oncall = new Actor("oncall", null, Role.OnCall);
        await failover.SetHealthAsync("sh-4", null, ZoneHealth.Degraded, "packet loss on the dedicated line", oncall, default);
        await failover.SetHealthAsync("sh-3", null, ZoneHealth.Degraded, "switch flapping", oncall, default);

        // The bridge sends in publishing order on one connection, so sh-4's update, had it been sent
        // to this client, would arrive before sh-3's.
        var first = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(("sh-3", ZoneHealth.Degraded, "switch flapping"), (first.InternalZoneId, first.Health, first.Reason));
        Assert.False(received.Reader.TryRead(out _));
        await failover.SetHealthAsync("sh-3", null, ZoneHealth.Healthy, "switch replaced", oncall, default);
        await failover.SetHealthAsync("sh-4", null, ZoneHealth.Healthy, "line repaired", oncall, default);
    }

    [Fact]
    public async Task ASentZoneChange_IsCountedAtMetrics_WithItsAgeWhenSent()
    {
        await using var connection = await ConnectAsync(await SignInAsync("viewer"));
        var received = Channel.CreateUnbounded<ZoneHealthChanged>();
        connection.On<ZoneHealthChanged>(nameof(IConsoleClient.ZoneHealthChanged), u => received.Writer.TryWrite(u));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(ConsoleHub.SubscribeZone), "bj-4");
        var admin = await SignedInClient.CreateAsync(factory, "admin");
        long Sum(string text, string prefix, string kind = "") => text.Split('\n')
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(kind, StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var failover = factory.Services.GetRequiredService<FailoverService>();
        await failover.SetHealthAsync("bj-4", null, ZoneHealth.Degraded, "metrics probe", new Actor("oncall", null, Role.OnCall), default);
        await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        // Counts, not their growth: they are this host's since start-up. The exporter answers repeated
        // scrapes from a cache for a moment (300 ms): read until the send shows.
        var text = "";
        bool Recorded() => Sum(text, "capacity_live_update_age_seconds_count{", "kind=\"ZoneHealthChanged\"") > 0 && Sum(text, "capacity_live_writes_total{") > 0;
        for (var waited = TimeSpan.Zero; !Recorded() && waited < Patience; waited += TimeSpan.FromMilliseconds(100))
        {
            text = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (!Recorded()) await Task.Delay(100);
        }

        Assert.True(Sum(text, "capacity_live_update_age_seconds_count{", "kind=\"ZoneHealthChanged\"") > 0, "the zone change's age when sent was not recorded");
        Assert.True(Sum(text, "capacity_live_writes_total{") > 0, "the write to the viewer was not counted");
        Assert.Contains("capacity_live_viewers_disconnected_slow_total{", text);
        await failover.SetHealthAsync("bj-4", null, ZoneHealth.Healthy, "metrics probe over", new Actor("oncall", null, Role.OnCall), default);
    }

    [Fact]
    public async Task RequestSubscriber_GetsThatRequestsProgress()
    {
        await using var connection = await ConnectAsync(await SignInAsync("viewer"));
        var received = Channel.CreateUnbounded<RequestProgressed>();
        connection.On<RequestProgressed>(nameof(IConsoleClient.RequestProgressed), u => received.Writer.TryWrite(u));
        await connection.StartAsync();
        var watched = Guid.NewGuid();
        await connection.InvokeAsync(nameof(ConsoleHub.SubscribeRequest), watched);

        var notifier = factory.Services.GetRequiredService<LiveNotifier>();
        var at = DateTimeOffset.UtcNow;
        notifier.Publish(new RequestProgressed(Guid.NewGuid(), RequestState.Provisioning, 96, 960, "another request", at));
        notifier.Publish(new RequestProgressed(watched, RequestState.Provisioning, 480, 960, "batch 3 running", at));

        var progress = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal((watched, RequestState.Provisioning, 480, 960, "batch 3 running"),
            (progress.RequestId, progress.State, progress.DeliveredCores, progress.PlannedCores, progress.Message));
        Assert.False(received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AnonymousConnection_IsRefused()
    {
        await using var connection = await ConnectAsync(cookies: null);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public async Task CookieConnection_FromAForeignOrigin_IsRefused_FromThisSiteItIsNot()
    {
        // Issue 10: a page on another site must not open the live stream with a signed-in user's cookie.
        var cookie = await SignInAsync("viewer");
        await using var foreign = await ConnectAsync(cookie, origin: "https://evil.example");
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => foreign.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);

        await using var own = await ConnectAsync(cookie, origin: factory.Server.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.StartAsync();
        await own.InvokeAsync(nameof(ConsoleHub.SubscribeZone), "bj-1");
    }

    /// <summary>Signs in through the real form and returns the cookie header a browser would send.</summary>
    private async Task<string> SignInAsync(string userName)
    {
        var cookies = new CookieContainerHandler();
        var client = factory.CreateDefaultClient(cookies);
        var response = await SignedInClient.PostSignInAsync(client, userName, ConsoleFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies.Container.GetCookieHeader(factory.Server.BaseAddress);
    }

    private Task<HubConnection> ConnectAsync(string? cookies, string? origin = null)
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, ConsoleHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (cookies is not null) o.Headers["Cookie"] = cookies;
                if (origin is not null) o.Headers["Origin"] = origin;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        return Task.FromResult(connection);
    }
}
