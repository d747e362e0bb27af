using System.Net;
using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd;

/// <summary>
/// Issue 10 items 2, 3 and 7 against the real console process (Kestrel) and Chromium: every page runs
/// under its Content-Security-Policy with nothing refused, the answers carry the headers (and no
/// Server header), and the sign-out button posts its token and ends the session.
/// </summary>
public sealed class TrustAtTheDoorBrowserTests : IAsyncLifetime
{
    private ConsoleServer _server = default!;
    private Infrastructure.Browser _browser = default!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleServer.StartAsync(clockHook: false);
        _browser = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EveryPage_WorksUnderTheContentSecurityPolicy_AndSignOutEndsTheSession()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync("admin", ConsoleServer.DemoPassword);

        foreach (var path in new[] { "/", "/zones", "/capacity", "/budgets", "/budgets/new", "/requests", "/approvals", "/oncall", "/admin" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "");
            await ConsolePage.WaitForCircuitAsync(page);
        }
        // MudBlazor's own script at work: the theme toggle and a popover (inline styles, JS interop).
        await page.GetByLabel("Toggle theme").ClickAsync();
        var owner = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(owner).SignInAsync("owner", ConsoleServer.DemoPassword);
        await owner.GotoAsync("/requests/new");
        await ConsolePage.WaitForCircuitAsync(owner);
        await owner.GetByTestId("request-region").ClickAsync();
        await Assertions.Expect(owner.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();

        Assert.Empty(_browser.CspViolations);

        // The sign-out button is a POST with the antiforgery token; afterwards the pages want a sign-in again.
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GotoAsync("/zones");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    [Fact]
    public async Task AnOpenPage_DropsToSignIn_WhenAnAdminDisablesItsUser()
    {
        // Issue 10 item 3: the circuit re-checks its session, not only the next HTTP request.
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync("viewer", ConsoleServer.DemoPassword);
        await page.GotoAsync("/zones");
        await ConsolePage.WaitForCircuitAsync(page);

        using var admin = await SignedInHttpAsync("admin");
        var disabled = await admin.PostAsync("/api/v1/users/viewer/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        // No navigation by the test: the open circuit notices and sends the page to sign in.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/signin"), new() { Timeout = 60_000 });
    }

    /// <summary>An HttpClient signed in through the form, sending the antiforgery token as the console requires of cookie callers.</summary>
    private async Task<HttpClient> SignedInHttpAsync(string userName)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _server.BaseUrl };
        var form = await http.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Input.UserName"] = userName, ["Input.Password"] = ConsoleServer.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var antiforgery = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/auth/antiforgery"));
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", antiforgery.RootElement.GetProperty("token").GetString());
        return http;
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader_AndTheSecurityHeaders()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUrl };
        foreach (var path in new[] { "/signin", "/api/v1/zones", "/healthz" })
        {
            var response = await http.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} names the server");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var api = await http.GetAsync("/api/v1/zones");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.True(api.Headers.CacheControl?.NoStore);
    }
}
