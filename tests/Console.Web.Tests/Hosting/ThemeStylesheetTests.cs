using System.Net;
using CapacityConsole.Web.Tests.Infrastructure;

namespace CapacityConsole.Web.Tests.Hosting;

/// <summary>Issue 15: prerendered pages link the theme's CSS (cacheable) instead of carrying it inline.</summary>
public sealed class ThemeStylesheetTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task PrerenderedPage_LinksTheThemeStylesheet_InsteadOfInliningIt()
    {
        using var client = await SignedInClient.CreateAsync(factory, "oncall");

        var page = await client.GetStringAsync("/oncall");
        var link = System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"stylesheet\" href=\"(/theme\\.css\\?v=[0-9a-f]+)\"");
        Assert.True(link.Success, "the page does not link the theme stylesheet");
        Assert.DoesNotContain("mud-theme-provider", page, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-palette-primary:", page, StringComparison.Ordinal);

        // Anonymous, like the other static assets: the sign-in page and a browser's cache fetch it without a cookie.
        using var anonymous = factory.CreateClient();
        var css = await anonymous.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var text = await css.Content.ReadAsStringAsync();
        Assert.Contains("--mud-palette-primary: rgba(57,73,171,1)", text, StringComparison.Ordinal); // ConsoleTheme's primary #3949ab
        Assert.DoesNotContain("<style", text, StringComparison.Ordinal);
    }
}
