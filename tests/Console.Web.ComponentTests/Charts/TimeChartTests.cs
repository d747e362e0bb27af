using Bunit;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.Components.Shared;
using CapacityConsole.Web.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace CapacityConsole.Web.ComponentTests.Charts;

/// <summary>Issue 14 point 1's view logic: what each chart is given (axis, lines, bands, marks) and what its legend says.</summary>
public sealed class TimeChartTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 37, 0, TimeSpan.Zero);

    public TimeChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void AChartWithNoData_SaysSo_InsteadOfDrawingEmptyAxes()
    {
        var chart = Render<TimeChart>(p => p
            .Add(x => x.Model, new TimeChartModel(Now.AddHours(-1), Now, [new ChartLine("IDC allocated", "#000", [])]))
            .Add(x => x.EmptyText, "No capacity samples in the last 1 h."));

        Assert.Equal("true", chart.Find("[data-testid=time-chart]").GetAttribute("data-empty"));
        Assert.Contains("No capacity samples in the last 1 h.", chart.Markup);
        Assert.Empty(chart.FindAll("canvas"));
    }

    [Fact]
    public async Task AChartWhoseDataComesBack_WhileItIsBeingDrawn_IsDrawnOnItsNewCanvas()
    {
        var browser = new SlowBrowser();
        Services.AddSingleton<IJSRuntime>(browser);
        var withData = new TimeChartModel(Now.AddHours(-1), Now, [new ChartLine("IDC allocated", "#000", [new(Now, 960)])]);
        var chart = Render<TimeChart>(p => p.Add(x => x.Model, withData));

        // While the first draw is on its way, no data replaces the canvas with a note and data again
        // renders a new canvas: the chart must end up there, not on the canvas that is gone.
        chart.Render(p => p.Add(x => x.Model, withData with { Lines = [new ChartLine("IDC allocated", "#000", [])] }));
        chart.Render(p => p.Add(x => x.Model, withData with { To = Now.AddMinutes(1) }));
        await chart.InvokeAsync(() => browser.FirstDraw.SetResult(browser));

        // The draw that picks up the newest model runs after the test's SetResult returns.
        await browser.SecondDraw.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, browser.Canvases.Count);
        Assert.NotEqual(browser.Canvases[0], browser.Canvases[1]);
    }

    /// <summary>
    /// The browser's side of the chart: the first create() answers only when the test says so, to
    /// hold a draw in flight; every create() notes the canvas it was given, the second says it came.
    /// </summary>
    private sealed class SlowBrowser : IJSRuntime, IJSObjectReference
    {
        public TaskCompletionSource<IJSObjectReference> FirstDraw { get; } = new();
        public TaskCompletionSource SecondDraw { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Canvases { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            if (identifier == "create")
            {
                Canvases.Add(((ElementReference)args![0]!).Id);
                if (Canvases.Count == 1) return new ValueTask<TValue>(FirstDraw.Task.ContinueWith(t => (TValue)t.Result, TaskScheduler.Current));
                SecondDraw.TrySetResult();
            }
            // import gives the module, create the chart: both are this object; update/destroy return nothing.
            return ValueTask.FromResult(this is TValue self ? self : default!);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public void Legend_NamesEachSeries_WithItsValueNowAndItsMax_InItsUnit()
    {
        var model = new TimeChartModel(Now.AddHours(-1), Now.AddHours(1),
        [
            new ChartLine("Planned", "#000", [new(Now.AddMinutes(-30), 0), new(Now.AddMinutes(-5), 1_600), new(Now.AddMinutes(30), 0)], Stepped: true),
            new ChartLine("Committed", "#000", [new(Now.AddMinutes(-20), 245_760m), new(Now, 245_760m)], ChartUnit.Cny),
            new ChartLine("Held", "#000", []),
        ], Now: Now);

        var chart = Render<TimeChart>(p => p.Add(x => x.Model, model));

        string Legend(string series) => chart.Find($"[data-testid=legend-item][data-series={series}]").TextContent;
        // The plan is drawn into the future (0 after the window): the legend reads it as it is now.
        Assert.Contains("now 1,600 cores · max 1,600 cores", Legend("Planned"));
        Assert.Contains("now ¥245,760.00 · max ¥245,760.00", Legend("Committed"));
        Assert.Contains("no data", Legend("Held"));
        Assert.Single(chart.FindAll("canvas"));
        Assert.DoesNotContain("NaN", chart.Markup);
    }

    [Fact]
    public void MarksAndBands_InTheRange_AreListedInTimeOrder_WithSeconds()
    {
        var model = new TimeChartModel(Now.AddMinutes(-15), Now, [new ChartLine("x", "#000", [new(Now, 1)])],
            Marks: [new ChartMark(Now.AddMinutes(-2).AddSeconds(7), "bj-1 Down: power", ChartColours.Down), new ChartMark(Now.AddHours(-2), "too early", ChartColours.Down)],
            Bands: [new ChartBand(Now.AddMinutes(-10), Now.AddMinutes(20), "T1–T2", ChartColours.Window)], Now: Now);

        var chart = Render<TimeChart>(p => p.Add(x => x.Model, model));

        Assert.Equal(["09:35:07 UTC bj-1 Down: power"], chart.FindAll("[data-testid=chart-mark]").Select(m => m.TextContent.Trim()));
        Assert.Equal(["T1–T2 09:27:00–09:57:00 UTC"], chart.FindAll("[data-testid=chart-band]").Select(m => m.TextContent.Trim()));
    }

    [Fact]
    public void LiveCapacity_AxisIsTheWindowEndingNow_WithOnlyThisZonesHealthAndEvents()
    {
        var samples = new[]
        {
            new CapacitySample("bj-1", ProviderKind.Idc, Now.AddMinutes(-2), 16_640, 960, 0),
            new CapacitySample("bj-1", ProviderKind.AlibabaCloud, Now.AddMinutes(-2), 244_000, 1_068, 0),
        };
        HealthHistoryEntry[] health =
        [
            new(Now.AddMinutes(-5), "bj-1", "cn-beijing-h", ZoneHealth.Down, "power"),
            new(Now.AddMinutes(-4), "bj-2", null, ZoneHealth.Down, "elsewhere"),
        ];
        var inZone = Request(["bj-1"]);
        var elsewhere = Request(["bj-3"]);

        var chart = LiveCapacity.Build("bj-1", samples, health, [inZone, elsewhere], Now.AddHours(-1), Now, totals: false);

        Assert.Equal((Now.AddHours(-1), Now, Now), (chart.From, chart.To, chart.Now));
        Assert.Equal(["IDC allocated", "IDC used", "Cloud allocated", "Cloud used"], chart.Lines.Select(l => l.Name));
        Assert.Equal(960, chart.Lines[0].Last);
        Assert.Equal("cn-beijing-h Down: power", Assert.Single(chart.MarksOrEmpty).Label);
        Assert.Equal(["pre-warm", "T1–T2"], chart.BandsOrEmpty.Select(b => b.Label));
        Assert.Equal(inZone.PrewarmAt, chart.BandsOrEmpty[0].From);
        Assert.Equal(6, LiveCapacity.Build("bj-1", samples, [], [], Now.AddHours(-1), Now, totals: true).Lines.Count);
    }

    [Fact]
    public void BudgetChart_CommitsInSteps_AccruesInALine_OverRealTimeEndingNow()
    {
        var budget = Budget.Create("Double 12", "CC-1", null, 500_000m, Now.AddDays(-1), Now.AddDays(13), "planner", Now.AddMinutes(-40));
        AuditEvent Event(int minutesAgo, string after) => new(Guid.NewGuid(), Now.AddMinutes(-minutesAgo), "x", "Budget", "b", "a", null, after);
        var trail = new[]
        {
            Event(40, """{"Committed":0,"Actual":0}"""),
            Event(30, """{"Committed":755.67,"Actual":0}"""),
            Event(10, """{"Committed":755.67,"Actual":12.40}"""),
        };

        var chart = BudgetDetails.SpendChart(trail, budget, [], Now);
        var empty = BudgetDetails.SpendChart([Event(40, """{"Committed":0,"Actual":0}""")], budget, [], Now);

        Assert.Equal(Now, chart.To);
        Assert.True(chart.From < Now.AddMinutes(-40) && chart.From > Now.AddHours(-1), $"the axis starts at {chart.From}, just before the first change");
        var (committed, actual) = (chart.Lines[0], chart.Lines[1]);
        Assert.True(committed is { Name: "Committed", Stepped: true, Unit: ChartUnit.Cny });
        Assert.True(actual is { Name: "Actual", Stepped: false, Unit: ChartUnit.Cny });
        Assert.Equal([0m, 755.67m, 755.67m, budget.Committed], committed.Points.Select(p => p.Value));
        Assert.False(empty.HasData);
    }

    [Fact]
    public void EventTimeline_PlansFromPrewarmToTheWindowsEnd_AndShadesRelease()
    {
        var t0 = Now.AddMinutes(-30);
        var timeline = new EventTimeline(t0.AddMinutes(-5), t0.AddMinutes(60), Now, RequestState.Releasing,
            t0, t0.AddMinutes(5), t0.AddMinutes(25), null, 3_200, 4_273,
            [new(t0.AddMinutes(1), 4_273), new(Now, 4_273)], [new(t0.AddMinutes(2), 4_273), new(Now, 4_273)],
            [new(t0.AddMinutes(-20), 755.67m), new(Now, 755.67m)], [new(t0.AddMinutes(1), 0), new(Now, 40.10m)],
            [new(t0.AddMinutes(5), "active")], [new(t0.AddMinutes(10), "bj-1", null, ZoneHealth.Degraded, "fans")]);

        var chart = EventTimelineChart.Chart(timeline);

        Assert.Equal(["Planned", "Requested", "Held", "Running", "Committed", "Accrued"], chart.Lines.Select(l => l.Name));
        var planned = chart.Lines[0];
        Assert.Equal(0, planned.ValueAt(t0.AddMinutes(-1)));
        Assert.Equal(4_273, planned.ValueAt(t0.AddMinutes(10)));
        Assert.Equal(0, planned.ValueAt(t0.AddMinutes(26)));
        Assert.Equal(["pre-warm", "T1–T2", "release"], chart.BandsOrEmpty.Select(b => b.Label));
        Assert.Equal(Now, chart.BandsOrEmpty[2].To); // releasing: up to now
        Assert.Equal(["active", "bj-1 Degraded: fans"], chart.MarksOrEmpty.Select(m => m.Label));
        Assert.Equal([ChartUnit.Cores, ChartUnit.Cores, ChartUnit.Cores, ChartUnit.Cores, ChartUnit.Cny, ChartUnit.Cny], chart.Lines.Select(l => l.Unit));
    }

    [Fact]
    public void CapacityBar_DrawsHeldPlannedAndFreeOnTheEventsScale_AndSaysWhenFreeIsCut()
    {
        var glance = new DashboardGlance(new Dictionary<string, ZoneGlance>
        {
            ["bj-1"] = new("bj-1", new CapacityGlance(0, 0, 16_640), new CapacityGlance(1_000, 1_600, 243_000)),
        }, new Dictionary<string, int>());

        var bar = Render<CapacityBar>(p => p.Add(x => x.Capacity, glance.Zones["bj-1"].Cloud).Add(x => x.Scale, glance).Add(x => x.Label, "Cloud"));

        Assert.Contains("held 1,000", bar.Markup);
        Assert.Contains("planned 1,600 (600 to come)", bar.Markup);
        Assert.Contains("free 243,000", bar.Markup);
        Assert.Contains("of 244,000 cores · free continues past the bar", bar.Markup);
        Assert.Equal("width:31.25%", bar.Find(".cb-held").GetAttribute("style"));
        Assert.Equal("width:18.75%", bar.Find(".cb-tocome").GetAttribute("style"));
        Assert.Equal("width:50%", bar.Find(".cb-free").GetAttribute("style"));
        Assert.Contains("cut", bar.Find(".cb-free").ClassList);
    }

    [Fact]
    public void CapacityBar_OfAnEmptyZone_ShowsZeros_NotNaN()
    {
        var bar = Render<CapacityBar>(p => p.Add(x => x.Capacity, default(CapacityGlance)).Add(x => x.Scale, DashboardGlance.Empty).Add(x => x.Label, "IDC"));
        Assert.DoesNotContain("NaN", bar.Markup);
        Assert.Contains("of 0 cores", bar.Markup);
        Assert.Equal("width:0%", bar.Find(".cb-held").GetAttribute("style"));
    }

    private static CoreQuotaRequest Request(string[] zones) => CoreQuotaRequest.Create(
        new NewCoreQuotaRequest("order-submit", 3_200, "cn-beijing", zones, Now.AddMinutes(10), Now.AddMinutes(40),
            TimeSpan.FromMinutes(30), Guid.NewGuid(), "peak"), "owner", Now.AddMinutes(-1));
}
