using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright's bundled driver; no browser is ever downloaded.
/// One browser context per user, so each has its own sign-in cookie and circuit.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    private readonly List<string> _cspViolations = [];

    /// <summary>What Chromium refused under the pages' Content-Security-Policy, on any page of this browser.</summary>
    public IReadOnlyList<string> CspViolations { get { lock (_cspViolations) return [.. _cspViolations]; } }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1440, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "UTC",
            Locale = "en-GB",
        });
        // CI runs the test projects side by side on two cores: a page may take a while to answer a click.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        // Chromium reports every CSP refusal on the console ("Refused to ... because it violates the following Content Security Policy directive").
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_cspViolations) _cspViolations.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
