using System.Globalization;
using System.Text.Json;
using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using CapacityConsole.Web.EndToEnd.TwoInstances;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Screens;

/// <summary>
/// Issue 14 points 1–3 in Chromium against one console running the demo flash sale: the charts'
/// axes are the real time range, the event's timeline and the budget chart carry its windows, the
/// dashboard's totals stay put while cores are held. Every page at 1440×900 and 400×860, with a
/// screenshot, no overflowing table, no NaN or negative money; and the admin page's tables, which
/// page and search on the server (issue 15).
/// </summary>
public sealed class ChartsAndDashboardTests(ScreensConsole console) : IClassFixture<ScreensConsole>
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 180_000 };

    private readonly ConsoleServer _server = console.Server;
    private readonly Infrastructure.Browser _browser = console.Browser;
    private readonly Screenshots _shots = console.Shots;

    [Fact]
    public async Task Charts_RunOnRealTime_AndTheDashboardReadsAtAGlance()
    {
        using var api = new ConsoleClient();
        await api.SignInAsync(_server.BaseUrl, "oncall", ConsoleServer.DemoPassword);
        var demo = (await api.GetJsonAsync(_server.BaseUrl, "/api/v1/requests")).EnumerateArray()
            .Single(r => r.GetProperty("justification").GetString()!.StartsWith("Demo flash sale", StringComparison.Ordinal));
        var requestId = demo.GetProperty("id").GetGuid();
        var budgetId = demo.GetProperty("budgetId").GetGuid();

        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync("planner", ConsoleServer.DemoPassword);

        // Before anything is held: the dashboard's reachable total. It counts stock as of the last stock
        // refresh, and the first runs after start-up: a CI run read 0 when this test came first.
        var totalBefore = 0;
        for (var attempt = 0; attempt < 30 && totalBefore == 0; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(2));
            await GoAsync(page, "/");
            totalBefore = Cores(await page.GetByTestId("stat-total").InnerTextAsync());
        }
        Assert.True(totalBefore > 0, "the dashboard still showed 0 reachable cores a minute after start-up");

        // Past the pre-warm time: the demo event provisions and runs.
        await _server.AdvanceClockAsync(4);
        await GoAsync(page, $"/requests/{requestId}");
        await Assertions.Expect(page.GetByTestId("request-state")).ToHaveTextAsync("Active", Slow);
        var zone = await page.Locator("[data-testid=plan-table] td[data-zone]").First.GetAttributeAsync("data-zone");
        await api.PutJsonAsync(_server.BaseUrl, $"/api/v1/zones/{zone}/health", new { health = "Degraded", reason = "E2E: chart mark" });

        // 2. The event's timeline: planned, held, running, committed, accrued, with its windows and steps on one axis.
        var timeline = page.GetByTestId("event-timeline-chart");
        await Assertions.Expect(timeline.GetByTestId("chart-marks")).ToContainTextAsync("Degraded", new() { Timeout = 60_000 });
        foreach (var series in new[] { "Planned", "Held", "Running", "Committed", "Accrued" })
            await Assertions.Expect(timeline.Locator($"[data-testid=legend-item][data-series={series}]")).ToContainTextAsync("now ");
        await Assertions.Expect(timeline.Locator("[data-series=Held]")).Not.ToContainTextAsync("now 0 cores");
        await Assertions.Expect(timeline.GetByTestId("chart-marks")).ToContainTextAsync("active");
        var axis = await DrawnAxisAsync(timeline);
        Assert.Equal(await AttributeTimeAsync(timeline, "data-from"), axis.From);
        Assert.Equal(await AttributeTimeAsync(timeline, "data-to"), axis.To);
        Assert.Equal(2, axis.Bands); // pre-warm and T1–T2; no release yet
        // The request page's own tables (plan, batches, resources) are issue 14 point 6's; here only the timeline is checked for fit.
        await CheckPageAsync(page, "request-timeline");

        // 1. Live capacity: the axis is the chosen window ending now, whatever the samples cover.
        await GoAsync(page, "/capacity");
        var chart = page.GetByTestId("capacity-chart").First;
        await Assertions.Expect(chart.GetByTestId("chart-legend")).ToContainTextAsync("IDC allocated", new() { Timeout = 120_000 });
        var drawn = await DrawnAxisAsync(chart);
        Assert.Equal(TimeSpan.FromHours(1), drawn.To - drawn.From);
        await page.GetByTestId("capacity-window").GetByText("15 min").ClickAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-from", new System.Text.RegularExpressions.Regex(".+"));
        await WaitForSpanAsync(chart, TimeSpan.FromMinutes(15));
        Assert.Equal(TimeSpan.FromMinutes(15), (await DrawnAxisAsync(chart)).To - (await DrawnAxisAsync(chart)).From);
        // Tooltips name the series and format the value with its unit.
        Assert.Equal("IDC allocated: 1,600 cores", await TooltipLabelAsync(chart, "IDC allocated", "cores", 1600));
        Assert.Equal("Committed: ¥245,760.00", await TooltipLabelAsync(chart, "Committed", "cny", 245760));
        await chart.Locator("canvas").HoverAsync();
        await CheckPageAsync(page, "live-capacity");

        // 1. The budget chart: committed as steps and actual accruing, over real time ending now.
        await GoAsync(page, $"/budgets/{budgetId}");
        var spend = page.GetByTestId("spend-chart");
        await Assertions.Expect(spend.Locator("[data-series=Committed]")).ToContainTextAsync("now ¥");
        await Assertions.Expect(spend.Locator("[data-series=Actual]")).ToContainTextAsync("now ¥");
        var budgetAxis = await DrawnAxisAsync(spend);
        Assert.True(budgetAxis.To - budgetAxis.From < TimeSpan.FromHours(1), $"the budget axis spans {budgetAxis.To - budgetAxis.From} for an event of minutes");
        Assert.True(budgetAxis.Stepped.SequenceEqual([true, false]), "committed is drawn as steps, actual as an accrual");
        // At 400 px the budget's request table and audit trail are point 6's (stacked rows); the chart must fit at both.
        await CheckPageAsync(page, "budget-chart");

        // 3. The dashboard: the total did not move while cores were held; the bars are on the events' scale.
        await GoAsync(page, "/");
        var held = Cores(await page.GetByTestId("stat-held-value").InnerTextAsync());
        if (held == 0)
        {
            // Seen once in CI (2 December, beside the other collections' zone changes): say what the console held then.
            var state = (await api.GetJsonAsync(_server.BaseUrl, $"/api/v1/requests/{requestId}")).GetProperty("state").GetString();
            var text = await page.Locator("body").InnerTextAsync();
            Assert.Fail($"The dashboard shows 0 cores held while the demo request is {state}; it read: {text[..Math.Min(text.Length, 2000)]}");
        }
        Assert.Equal(totalBefore, Cores(await page.GetByTestId("stat-total").InnerTextAsync()));
        await Assertions.Expect(page.GetByTestId("share-held")).ToContainTextAsync("IDC ");
        var widest = await page.EvaluateAsync<double>(
            "() => Math.max(...[...document.querySelectorAll('.cb-held, .cb-tocome')].map(e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width))");
        Assert.True(widest >= 0.2, $"the widest held/planned part fills {widest:P0} of its bar: the event should be visible, not a sliver");
        await CheckPageAsync(page, "dashboard");

        Assert.Empty(_browser.CspViolations);
    }

    [Fact]
    public async Task ALostLiveConnection_ShowsTheBanner_AndRecoversWithoutAReload()
    {
        await using var relay = new TcpRelay(_server.BaseUrl);
        var page = await _browser.NewPageAsync(relay.BaseUrl);
        await new SignInPage(page).SignInAsync("viewer", ConsoleServer.DemoPassword);
        await GoAsync(page, "/");
        var zone = page.Locator("[data-testid=internal-zone][data-zone=sh-2]");
        await Assertions.Expect(zone).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await relay.CutAsync();
        var banner = page.GetByTestId("reconnect-modal");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(banner.Locator(".reconnect-show-only")).ToHaveTextAsync("Connection lost. Reconnecting…");
        await _shots.TakeAsync(page, "connection-lost", fullPage: false);
        // The page stays visible behind the banner: the backdrop is a tint, not a white sheet.
        Assert.Equal("rgba(20, 24, 48, 0.45)", await banner.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"));
        relay.Resume();
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 90_000 });

        // The same document (no reload), and live again: a health change made elsewhere arrives over the circuit.
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        using var api = new ConsoleClient();
        await api.SignInAsync(_server.BaseUrl, "oncall", ConsoleServer.DemoPassword);
        await api.PutJsonAsync(_server.BaseUrl, "/api/v1/zones/sh-2/health", new { health = "Degraded", reason = "after the reconnect" });
        try
        {
            await Assertions.Expect(zone.GetByTestId("health-reason")).ToHaveTextAsync("after the reconnect", new() { Timeout = 60_000 });
            await _shots.TakeAsync(page, "connection-recovered", fullPage: false);
        }
        finally
        {
            await api.PutJsonAsync(_server.BaseUrl, "/api/v1/zones/sh-2/health", new { health = "Healthy", reason = "E2E: restored" });
        }
    }

    [Fact]
    public async Task AdminTables_PageAndSearch_OnTheServer()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync("admin", ConsoleServer.DemoPassword);
        await GoAsync(page, "/admin");

        await page.Locator(".mud-tab", new() { HasText = "Offerings (" }).ClickAsync();
        var summary = page.GetByTestId("offerings-pager-summary");
        await Assertions.Expect(summary).ToContainTextAsync(" offerings");
        var rows = page.GetByTestId("offerings-table").Locator("tbody tr");
        Assert.InRange(await rows.CountAsync(), 1, 25);
        // One IDC hall's two host classes, whether or not the cloud's offerings have been read yet.
        await page.GetByTestId("offerings-search").FillAsync("BJ-IDC-HUAILAI");
        await Assertions.Expect(summary).ToHaveTextAsync("1–2 of 2 offerings");
        foreach (var text in await rows.AllInnerTextsAsync()) Assert.Contains("bj-idc-huailai", text);
        await CheckPageAsync(page, "admin-offerings");

        await page.Locator(".mud-tab", new() { HasText = "Users (" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-pager-summary")).ToContainTextAsync("users");
        await page.GetByTestId("users-search").FillAsync("planner");
        await Assertions.Expect(page.GetByTestId("users-pager-summary")).ToHaveTextAsync("1–2 of 2 users");
        await CheckPageAsync(page, "admin-users");
        Assert.Empty(_browser.CspViolations);
    }

    private static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await ConsolePage.WaitForCircuitAsync(page);
    }

    /// <summary>Screenshots at both sizes, and what no page may show at either.</summary>
    private async Task CheckPageAsync(IPage page, string name)
    {
        await _shots.TakeAsync(page, name);
        await TakeChartsAsync(page, name);
        await PageLayout.AssertNoTableOverflowAsync(page, name);
        await PageLayout.AssertNoRawValuesAsync(page, name);
        await page.SetViewportSizeAsync(400, 860);
        try
        {
            await _shots.TakeAsync(page, name + "-narrow");
            await _shots.TakeAsync(page, name + "-narrow-top", fullPage: false);
            await TakeChartsAsync(page, name + "-narrow");
            await PageLayout.AssertNoTableOverflowAsync(page, name + " at 400 px");
            await PageLayout.AssertNoRawValuesAsync(page, name + " at 400 px");
            var overflow = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.time-chart, .capacity-bar, canvas')].filter(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || c.scrollWidth > c.clientWidth + 1).length");
            Assert.Equal(0, overflow);
        }
        finally { await page.SetViewportSizeAsync(1440, 900); }
    }

    /// <summary>Each chart on its own as well, to read its ticks, legend and marks in the picture.</summary>
    private async Task TakeChartsAsync(IPage page, string name)
    {
        var charts = page.Locator(".time-chart");
        for (var i = 0; i < Math.Min(2, await charts.CountAsync()); i++)
            await charts.Nth(i).ScreenshotAsync(new() { Path = Path.Combine(_shots.Folder, $"{name}-chart{i + 1}.png") });
    }

    private static int Cores(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private sealed record Axis(DateTimeOffset From, DateTimeOffset To, int Bands, bool[] Stepped);

    /// <summary>What Chart.js actually drew: the x scale's range, the shaded bands and which lines are steps.</summary>
    private static async Task<Axis> DrawnAxisAsync(ILocator chart)
    {
        var canvas = chart.Locator("canvas");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        // The canvas is in the markup before the circuit's draw reaches the browser.
        await canvas.EvaluateAsync(
            "c => new Promise((done, fail) => { const until = Date.now() + 30000;" +
            " const seen = () => Chart.getChart(c) ? done() : Date.now() > until ? fail(new Error('no chart drawn on the canvas in 30 s')) : setTimeout(seen, 50); seen(); })");
        var json = await canvas.EvaluateAsync<JsonElement>(
            """
            c => { const ch = Chart.getChart(c);
                   const a = ch.options.plugins.annotation.annotations;
                   return { from: ch.scales.x.min, to: ch.scales.x.max,
                            bands: Object.values(a).filter(x => x.type === 'box').length,
                            stepped: ch.data.datasets.map(d => !!d.stepped) }; }
            """);
        return new Axis(DateTimeOffset.FromUnixTimeMilliseconds((long)json.GetProperty("from").GetDouble()),
            DateTimeOffset.FromUnixTimeMilliseconds((long)json.GetProperty("to").GetDouble()),
            json.GetProperty("bands").GetInt32(), json.GetProperty("stepped").EnumerateArray().Select(s => s.GetBoolean()).ToArray());
    }

    private static async Task<DateTimeOffset> AttributeTimeAsync(ILocator chart, string attribute)
    {
        var value = DateTimeOffset.Parse((await chart.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
    }

    private static async Task WaitForSpanAsync(ILocator chart, TimeSpan span)
    {
        for (var i = 0; i < 100; i++)
        {
            var axis = await DrawnAxisAsync(chart);
            if (axis.To - axis.From == span) return;
            await Task.Delay(200);
        }
    }

    private static Task<string> TooltipLabelAsync(ILocator chart, string series, string unit, double value) =>
        chart.Locator("canvas").EvaluateAsync<string>(
            "(c, a) => Chart.getChart(c).options.plugins.tooltip.callbacks.label({ dataset: { label: a.series, unit: a.unit }, parsed: { y: a.value } })",
            new { series, unit, value });
}

/// <summary>One console (with the demo flash sale) and one browser for the whole class: starting them is most of a screen test's time.</summary>
public sealed class ScreensConsole : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = default!;
    public Infrastructure.Browser Browser { get; private set; } = default!;
    public Screenshots Shots { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await ConsoleServer.StartAsync(new ConsoleLaunch(Settings: ["--Demo:FlashSale=true"]));
        Browser = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}
