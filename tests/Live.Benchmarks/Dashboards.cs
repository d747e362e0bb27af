using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// Issue 15, point 2: N live dashboards ("/", each its own Blazor circuit over the Blazor WebSocket
/// protocol) in Debian's headless Chromium (never a downloaded browser), while a zone's health reason
/// changes once a second. Reports the console's memory per circuit, the delay from the change's
/// server timestamp to the reason showing on each page (a MutationObserver notes the moment), and the
/// HTML size of the live pages.
/// </summary>
internal sealed class Dashboards(int pages, TimeSpan drive)
{
    private const string Zone = "sh-3";

    public async Task<int> RunAsync()
    {
        await using var console = await ConsoleUnderTest.StartAsync("--Demo:FlashSale=false");
        Console.WriteLine("page HTML as served (prerendered, signed in as on-call):");
        foreach (var path in new[] { "/", "/oncall", "/capacity", "/requests" })
        {
            var watch = Stopwatch.StartNew();
            var html = await console.Http.GetStringAsync(path);
            Console.WriteLine($"  {path,-10} {html.Length / 1024.0,6:0.0} KB  ({watch.ElapsedMilliseconds} ms)");
            // LIVE_BENCH_HTML=<folder> keeps the pages, to see what their bytes are.
            if (Environment.GetEnvironmentVariable("LIVE_BENCH_HTML") is { Length: > 0 } keep)
                await File.WriteAllTextAsync(Path.Combine(keep, (path.Trim('/') is { Length: > 0 } name ? name : "dashboard") + ".html"), html);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(120_000);
        await context.AddCookiesAsync(console.CookieHeader.Split("; ").Select(c => c.Split('=', 2))
            .Select(c => new Cookie { Name = c[0], Value = c[1], Url = console.BaseUrl.ToString() }));

        // One dashboard first, not counted: the first circuit warms the console's caches and JIT.
        var warmUp = await context.NewPageAsync();
        await warmUp.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await warmUp.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // The prerendered page links the theme's CSS; the running circuit renders it inline again (MudThemeProvider).
        Console.WriteLine($"theme CSS once the circuit runs: {(await warmUp.EvaluateAsync<bool>("() => !!document.querySelector('style.mud-theme-provider')") ? "inline (MudThemeProvider)" : "MISSING")}");
        if (Environment.GetEnvironmentVariable("LIVE_BENCH_HTML") is { Length: > 0 } shots)
            await warmUp.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard.png") });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssBefore = console.Rss;
        var open = new List<IPage>();
        var openWatch = Stopwatch.StartNew();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EvaluateAsync(Observer);
            open.Add(page);
        }
        openWatch.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssOpen = console.Rss;
        Console.WriteLine($"{pages} dashboards open in {openWatch.Elapsed.TotalSeconds:0.0} s; console RSS {rssBefore / 1048576} -> {rssOpen / 1048576} MiB");

        var delays = new List<double>();
        var missed = 0;
        var changes = 0;
        var cpuBefore = console.CpuTime;
        var window = Stopwatch.StartNew();
        for (var end = DateTime.UtcNow + drive; DateTime.UtcNow < end; changes++)
        {
            var reason = $"dashboard change {changes}";
            var at = await SetDegradedAsync(console, reason);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            foreach (var page in open)
            {
                double? seen = null;
                while (seen is null && DateTime.UtcNow < deadline)
                {
                    seen = await page.EvaluateAsync<double?>("r => window.__seen?.[r] ?? null", reason);
                    if (seen is null) await Task.Delay(100);
                }
                if (seen is { } ms) delays.Add(ms - at.ToUnixTimeMilliseconds());
                else missed++;
            }
        }
        window.Stop();
        var cpu = console.CpuTime - cpuBefore;
        await console.SetZoneHealthAsync(Zone, "Healthy", "benchmark done");
        delays.Sort();
        double P(double p) => delays.Count == 0 ? 0 : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(delays.Count * p) - 1)];
        Console.WriteLine();
        Console.WriteLine("| dashboards | changes | updates seen | missed | p50 | p95 | p99 | console memory / circuit | console CPU | load average after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| {pages} | {changes} | {delays.Count} | {missed} | {P(0.5):0} ms | {P(0.95):0} ms | {P(0.99):0} ms | " +
            $"{(rssOpen - rssBefore) / (double)pages / 1024:0} KiB | {cpu.TotalSeconds / window.Elapsed.TotalSeconds:0.00} cores | {File.ReadAllText("/proc/loadavg").Trim()} |");
        foreach (var page in open.Append(warmUp)) await page.CloseAsync();
        return missed == 0 ? 0 : 1;
    }

    private static async Task<DateTimeOffset> SetDegradedAsync(ConsoleUnderTest console, string reason)
    {
        var response = await console.Http.PutAsJsonAsync($"/api/v1/zones/{Zone}/health", new { health = "Degraded", reason });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return DateTimeOffset.Parse(body.RootElement.GetProperty("changedAt").GetString()!, CultureInfo.InvariantCulture);
    }

    // Notes the wall-clock moment each reason first appears on the zone's card.
    private const string Observer = """
        () => {
          window.__seen = {};
          const note = () => {
            const el = document.querySelector('[data-testid="internal-zone"][data-zone="sh-3"] [data-testid="health-reason"]');
            const text = el?.textContent?.trim();
            if (text && !(text in window.__seen)) window.__seen[text] = Date.now();
          };
          new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
          note();
        }
        """;
}
