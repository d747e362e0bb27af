using System.Net;
using CapacityConsole.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CapacityConsole.Web.Tests.Hosting;

/// <summary>Issue 10 item 7: the headers every answer carries, over the test server.</summary>
public sealed class SecurityHeadersTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/v1/zones")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/healthz")]
    [InlineData("/reconnect.js")]
    public async Task EveryAnswer_ForbidsSniffing_AndKeepsTheReferrerOnTheSite(string path)
    {
        var response = await factory.Anonymous().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task BlazorPages_CarryTheFullPolicy_WithoutInlineScript()
    {
        var admin = await factory.SignInAsync("admin");
        foreach (var path in new[] { "/signin", "/zones", "/admin" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            // The policy allows no inline script, so the page must not carry any.
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(" onclick=\"", html);
            Assert.DoesNotMatch("<script>(?!</script>)", html);
        }
    }

    [Fact]
    public async Task HangfireAndTheApiPage_CannotBeFramed()
    {
        var admin = await factory.SignInAsync("admin");
        foreach (var path in new[] { "/hangfire", "/scalar/v1" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("frame-ancestors 'none'", string.Join("; ", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task ApiAnswers_AreNotCached_SuccessesAndProblemsAlike()
    {
        var viewer = await factory.SignInAsync("viewer");
        foreach (var response in new[] { await viewer.GetAsync("/api/v1/budgets"), await viewer.GetAsync("/api/v1/budgets/nope"), await factory.Anonymous().GetAsync("/api/v1/budgets") })
            Assert.True(response.Headers.CacheControl?.NoStore, $"{(int)response.StatusCode} without no-store");
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_AndNotOverPlainHttp()
    {
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://console.example"), AllowAutoRedirect = false });
        var secure = await https.GetAsync("/healthz");
        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());

        var plain = await factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://console.example") }).GetAsync("/healthz");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
