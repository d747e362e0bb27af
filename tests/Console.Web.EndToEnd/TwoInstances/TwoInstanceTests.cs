using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// Issue 11: two console instances on one PostgreSQL behave as one console — a change made on A is
/// seen live on B, a sign-in (cookie and antiforgery token) issued by A is accepted by B, and jobs run once.
/// </summary>
[Collection(TwoConsolesCollection.Name)]
public sealed class TwoInstanceTests(TwoConsoles consoles)
{
    // Safety nets so a broken relay fails the test instead of hanging it; never timing assertions.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Password = ConsoleServer.DemoPassword;

    [Fact]
    public async Task CookieAndAntiforgeryToken_IssuedByA_AreAcceptedByB()
    {
        using var browser = new ConsoleClient();

        // The sign-in form (and its antiforgery cookie) come from A; the form is posted to B.
        var tokenFromA = await browser.GetSignInTokenAsync(consoles.A.BaseUrl);
        var signIn = await browser.PostSignInAsync(consoles.B.BaseUrl, tokenFromA, "viewer", Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The cookie B issued works on A, and the other way round after signing in on A.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(consoles.A.BaseUrl, "/api/v1/zones")).StatusCode);
        using var other = new ConsoleClient();
        await other.SignInAsync(consoles.A.BaseUrl, "planner", Password);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(consoles.B.BaseUrl, "/api/v1/approvals")).StatusCode);

        // And a signed-out client is still refused on both, so the 200s above are the cookie's doing.
        using var stranger = new ConsoleClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(consoles.B.BaseUrl, "/api/v1/zones")).StatusCode);

        // What both read is stored encrypted with their shared certificate, never in the clear.
        var keys = await consoles.StoredKeysAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("<encryptedSecret", key);
            Assert.DoesNotContain("<masterKey", key);
        });
    }

    [Fact]
    public async Task ZoneHealthChangedOnA_ReachesAHubClientOnB()
    {
        using var viewer = new ConsoleClient();
        await viewer.SignInAsync(consoles.B.BaseUrl, "viewer", Password);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(consoles.B.BaseUrl, "/hubs/console"), o => o.Headers["Cookie"] = viewer.CookieHeader(consoles.B.BaseUrl))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var received = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("ZoneHealthChanged", u => received.Writer.TryWrite(u));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeZone", "sh-2");

        using var oncall = new ConsoleClient();
        await oncall.SignInAsync(consoles.A.BaseUrl, "oncall", Password);
        await oncall.PutJsonAsync(consoles.A.BaseUrl, "/api/v1/zones/sh-2/health",
            new { health = "Degraded", reason = "seen from the other instance" });
        try
        {
            var update = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.Equal("sh-2", update.GetProperty("internalZoneId").GetString());
            Assert.Equal("Degraded", update.GetProperty("health").GetString());
            Assert.Equal("seen from the other instance", update.GetProperty("reason").GetString());
        }
        finally
        {
            await oncall.PutJsonAsync(consoles.A.BaseUrl, "/api/v1/zones/sh-2/health",
                new { health = "Healthy", reason = "back to normal" });
        }
    }

    [Fact]
    public async Task DashboardOnB_FollowsAZoneHealthChangeMadeOnA()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(consoles.B.BaseUrl);
        await new SignInPage(page).SignInAsync("viewer", Password);
        var zone = page.Locator("[data-testid=internal-zone][data-zone=sh-4]");
        await Assertions.Expect(zone).ToBeVisibleAsync();
        await Assertions.Expect(zone.GetByTestId("health-reason")).ToHaveCountAsync(0);

        using var oncall = new ConsoleClient();
        await oncall.SignInAsync(consoles.A.BaseUrl, "oncall", Password);
        await oncall.PutJsonAsync(consoles.A.BaseUrl, "/api/v1/zones/sh-4/health",
            new { health = "Degraded", reason = "dashboard on B should show this" });
        try
        {
            // No reload: the page on B re-renders over its circuit when A's change arrives.
            await Assertions.Expect(zone.GetByTestId("health-reason"))
                .ToHaveTextAsync("dashboard on B should show this", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Assertions.Expect(zone).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("zone-degraded"));
        }
        finally
        {
            await oncall.PutJsonAsync(consoles.A.BaseUrl, "/api/v1/zones/sh-4/health",
                new { health = "Healthy", reason = "back to normal" });
        }
    }
}
