using System.Net;
using System.Text.RegularExpressions;
using CapacityConsole.Web.EndToEnd.Infrastructure;

namespace CapacityConsole.Web.EndToEnd.Sso;

/// <summary>
/// Issue 11 "single sign-on": the console signs people in through a real OpenID Connect provider
/// (authorization code with PKCE), maps the provider's group claim to console roles and takes the
/// team from its team claim; local users can be switched off; a wrong authority stops the start.
/// </summary>
public sealed partial class SingleSignOnTests(SingleSignOnTests.Provider provider) : IClassFixture<SingleSignOnTests.Provider>
{
    /// <summary>One identity provider for the class; each test starts its own console against it.</summary>
    public sealed class Provider : IAsyncLifetime
    {
        public TestIdentityProvider Idp { get; private set; } = default!;
        public async Task InitializeAsync() => Idp = await TestIdentityProvider.StartAsync();
        public async Task DisposeAsync() => await Idp.DisposeAsync();
    }

    private TestIdentityProvider Idp => provider.Idp;

    private ConsoleLaunch Sso(bool localUsers = true) => new(ClockHook: false, Settings:
    [
        "--Authentication:Oidc:Enabled=true",
        $"--Authentication:Oidc:Authority={Idp.Authority}",
        $"--Authentication:Oidc:ClientId={TestIdentityProvider.ClientId}",
        $"--Authentication:Oidc:ClientSecret={TestIdentityProvider.ClientSecret}",
        "--Authentication:Oidc:RoleMapping:capacity-planners=Planner",
        "--Authentication:Oidc:RoleMapping:trade-owners=ServiceOwner",
        $"--Authentication:LocalUsers:Enabled={localUsers}",
    ]);

    [Fact]
    public async Task SignIn_ThroughTheProvider_MapsItsGroupsToRoles_AndItsTeamClaim()
    {
        await using var console = await ConsoleServer.StartAsync(Sso());
        Idp.NextUser = ("ana", ["capacity-planners", "trade-owners", "unrelated-group"], "trade");
        using var browser = new Browser(console.BaseUrl);
        var challenges = Idp.PkceChallenges;

        await browser.SignInThroughProviderAsync();

        Assert.Equal(challenges + 1, Idp.PkceChallenges); // the console sent an S256 code challenge
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/approvals")); // Planner, from capacity-planners
        Assert.Equal(HttpStatusCode.Forbidden, await browser.StatusAsync("/api/v1/api-keys")); // no group maps to Admin
        // ServiceOwner of team "trade" (from trade-owners and the team claim): may file for order-submit, a trade service.
        var start = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var end = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(12).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var filed = await browser.PostJsonAsync("/api/v1/requests", $$"""
            {"serviceId":"order-submit","cores":96,"regionId":"cn-beijing","internalZoneIds":[],
             "windowStart":"{{start}}","windowEnd":"{{end}}","prewarmLead":"00:30:00",
             "budgetId":"6d1c3f1e-0b2a-4c7e-9a11-000000000001","justification":"SSO owner files a request.","survivableShare":1.0}
            """);
        Assert.True(filed.Status == HttpStatusCode.Created, filed.Body);
        Assert.Contains("\"requestedBy\":\"ana\"", filed.Body); // the audit trail names the provider's user
        var otherTeams = await browser.PostJsonAsync("/api/v1/requests", $$"""
            {"serviceId":"live-room-gateway","cores":96,"regionId":"cn-beijing","internalZoneIds":[],
             "windowStart":"{{start}}","windowEnd":"{{end}}","prewarmLead":"00:30:00",
             "budgetId":"6d1c3f1e-0b2a-4c7e-9a11-000000000001","justification":"Not my team's service.","survivableShare":1.0}
            """);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeams.Status); // team "trade" does not own the live team's service
    }

    [Fact]
    public async Task SignIn_WithoutMappedGroups_IsAViewerOnly()
    {
        await using var console = await ConsoleServer.StartAsync(Sso());
        Idp.NextUser = ("bo", ["somebody-else"], null);
        using var browser = new Browser(console.BaseUrl);

        await browser.SignInThroughProviderAsync();

        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/zones"));
        Assert.Equal(HttpStatusCode.Forbidden, await browser.StatusAsync("/api/v1/approvals"));
    }

    [Fact]
    public async Task SignOut_EndsTheSsoSessionOnTheServer_SoACopiedCookieStopsWorking()
    {
        await using var console = await ConsoleServer.StartAsync(Sso());
        Idp.NextUser = ("cai", ["capacity-planners"], null);
        using var browser = new Browser(console.BaseUrl);
        await browser.SignInThroughProviderAsync();
        using var copied = browser.CopyWithCookies();
        Assert.Equal(HttpStatusCode.OK, await copied.StatusAsync("/api/v1/zones"));

        Assert.Equal(HttpStatusCode.Redirect, await browser.SignOutAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, await copied.StatusAsync("/api/v1/zones"));
    }

    [Fact]
    public async Task LocalUsersSwitchedOff_SignInPageSendsToTheProvider_AndAPostedPasswordIsRefused()
    {
        await using var console = await ConsoleServer.StartAsync(Sso(localUsers: false));
        using var browser = new Browser(console.BaseUrl);

        var page = await browser.GetAsync("/signin");
        var posted = await browser.PostFormAsync("/signin", new() { ["Input.UserName"] = "admin", ["Input.Password"] = ConsoleServer.DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/auth/oidc/signin", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
    }

    [Fact]
    public async Task MisconfiguredAuthority_StopsTheStart_WithOneClearLine()
    {
        var launch = Sso() with { Settings = [.. Sso().Settings!.Where(s => !s.Contains(":Authority=")), "--Authentication:Oidc:Authority=http://127.0.0.1:1/realms/typo"] };

        var (exitCode, output) = await ConsoleServer.RunExpectingFailureAsync(launch);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains("Authentication:Oidc:Authority 'http://127.0.0.1:1/realms/typo' does not answer OpenID Connect discovery", line);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain(TestIdentityProvider.ClientSecret, output);
    }

    /// <summary>A browser's part of the code flow over plain HTTP: redirects, the provider's form_post page, cookies.</summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly Uri _console;
        private readonly CookieContainer _cookies;
        private readonly HttpClient _http;

        public Browser(Uri console, CookieContainer? cookies = null)
        {
            _console = console;
            _cookies = cookies ?? new CookieContainer();
            _http = new(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = console, Timeout = TimeSpan.FromSeconds(60) };
        }

        /// <summary>Another client holding a copy of this one's cookies (what a stolen cookie is).</summary>
        public Browser CopyWithCookies()
        {
            var copy = new CookieContainer();
            foreach (Cookie cookie in _cookies.GetCookies(_console)) copy.Add(_console, new Cookie(cookie.Name, cookie.Value, cookie.Path));
            return new Browser(_console, copy);
        }

        /// <summary>The antiforgery token a signed-in page's script sends with every change (issue 10).</summary>
        private async Task<string> AntiforgeryTokenAsync()
        {
            using var document = System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync("/auth/antiforgery"));
            return document.RootElement.GetProperty("token").GetString()!;
        }

        public async Task<HttpStatusCode> SignOutAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signout") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync());
            return (await _http.SendAsync(request)).StatusCode;
        }

        public async Task SignInThroughProviderAsync()
        {
            var response = await _http.GetAsync("/auth/oidc/signin");
            for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 5; hops++)
                response = await _http.GetAsync(response.Headers.Location);
            // The provider answers with the auto-submitting form of response_mode=form_post.
            var page = await response.Content.ReadAsStringAsync();
            var action = FormAction().Match(page);
            Assert.True(action.Success, $"No form_post page ({(int)response.StatusCode}): {page}");
            var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            Assert.True(fields.ContainsKey("code"), page);
            var callback = await _http.PostAsync(WebUtility.HtmlDecode(action.Groups[1].Value), new FormUrlEncodedContent(fields));
            Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"Callback answered {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
        }

        public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

        public async Task<HttpStatusCode> StatusAsync(string path) => (await _http.GetAsync(path)).StatusCode;

        public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) => _http.PostAsync(path, new FormUrlEncodedContent(form));

        public async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(string path, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync());
            var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
        private static partial Regex FormAction();

        [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
        private static partial Regex HiddenInput();
    }
}
