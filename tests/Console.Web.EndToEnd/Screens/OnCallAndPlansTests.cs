using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Screens;

/// <summary>One console process and one browser for the whole class (issue 14: keep E2E time small).</summary>
public sealed class ScreensFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = default!;
    public Infrastructure.Browser Browser { get; private set; } = default!;
    public Screenshots Shots { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await ConsoleServer.StartAsync();
        Browser = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// Issue 14, points 4–7 in Chromium: on-call after a failover, a short plan as a decision, tables that
/// fit at 1440×900 and 400×860, human words. Every page is photographed at both sizes and checked for
/// an overflowing table, NaN, negative money and exception text.
/// </summary>
public sealed class OnCallAndPlansTests(ScreensFixture fixture) : IClassFixture<ScreensFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 180_000 };

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Server.BaseUrl);
        await new SignInPage(page).SignInAsync(user, ConsoleServer.DemoPassword);
        return page;
    }

    /// <summary>Screenshots at 1440×900 and 400×860, each with the layout checks.</summary>
    private async Task CheckBothWidthsAsync(IPage page, string name)
    {
        // From the top: a full-page picture taken scrolled down draws the fixed app bar mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await fixture.Shots.TakeAsync(page, name);
        await PageLayout.AssertNoTableOverflowAsync(page, $"{name} at 1440 px");
        await PageLayout.AssertNoRawValuesAsync(page, $"{name} at 1440 px");
        await page.SetViewportSizeAsync(400, 860);
        try
        {
            await page.WaitForTimeoutAsync(300); // MudTable switches to stacked rows on resize
            await fixture.Shots.TakeAsync(page, name + "-narrow");
            await PageLayout.AssertNoTableOverflowAsync(page, $"{name} at 400 px");
            await AssertStackedCellsInViewAsync(page, name);
        }
        finally { await page.SetViewportSizeAsync(1440, 900); }
    }

    /// <summary>At a phone's width every stacked table cell (label and value) stays inside the viewport.</summary>
    private static async Task AssertStackedCellsInViewAsync(IPage page, string name)
    {
        var outside = await page.EvaluateAsync<string[]>(
            """
            () => {
              const width = document.documentElement.clientWidth;
              const found = [];
              for (const cell of document.querySelectorAll('.mud-table-cell')) {
                if (cell.offsetParent === null) continue;
                const r = cell.getBoundingClientRect();
                if (r.right > width + 1 || cell.scrollWidth > cell.clientWidth + 1)
                  found.push(`${cell.getAttribute('data-label') || cell.tagName}: ${cell.innerText.slice(0, 40)}`);
              }
              return found.slice(0, 5);
            }
            """);
        Assert.True(outside.Length == 0, $"{name} at 400 px: cells out of view: {string.Join("; ", outside)}");
    }

    [Fact]
    public async Task AShortPlan_AddsUp_AndNeedsAConfirmationToSubmitAndToApprove()
    {
        var owner = await SignedInAsync("owner");
        var newRequest = new NewRequestPage(owner);
        await newRequest.OpenAsync();
        await newRequest.FillAsync("Order submission", 1_500_000, "cn-beijing", "Double 12", "A peak bigger than all of Beijing's stock.");
        var sums = newRequest.Preview.GetByTestId("plan-sums");
        await Assertions.Expect(sums).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(sums.GetByTestId("sum-requested")).ToHaveTextAsync("1,500,000");
        await CheckBothWidthsAsync(owner, "owner-short-preview");

        // One click does not submit a short plan: it says why and files nothing.
        await owner.GetByTestId("request-submit").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("shortfall-error")).ToContainTextAsync("tick the box above");
        Assert.EndsWith("/requests/new", owner.Url);
        await owner.GetByTestId("confirm-shortfall").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("request-submit")).ToContainTextAsync("Submit short of");
        var request = await newRequest.SubmitAsync();
        await Assertions.Expect(request.State).ToHaveTextAsync("Submitted");
        await CheckBothWidthsAsync(owner, "owner-short-request");

        var planner = await SignedInAsync("planner2");
        var approvals = new ApprovalsPage(planner);
        await approvals.OpenAsync();
        var card = approvals.Card(request.Id);
        await Assertions.Expect(card.GetByTestId("confirm-shortfall")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await card.GetByTestId("approval-approve").ClickAsync();
        await Assertions.Expect(card.GetByTestId("shortfall-error")).ToContainTextAsync("tick the box to approve it short");
        await CheckBothWidthsAsync(planner, "planner-short-approval");
        await card.GetByTestId("confirm-shortfall").ClickAsync();
        await card.GetByTestId("approval-approve").ClickAsync();
        await Assertions.Expect(approvals.Snackbar("approved short and scheduled")).ToBeVisibleAsync();
        // Cancelled again, so the other test's moved clock does not provision a million cores.
        await request.OpenAsync(request.Id);
        await Assertions.Expect(request.State).ToHaveTextAsync("Scheduled");
        await owner.GetByTestId("request-cancel").ClickAsync();
        await Assertions.Expect(request.State).ToHaveTextAsync("Cancelled");

        // A favicon, served and linked from every page.
        var icon = await planner.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.Equal(200, (await planner.APIRequest.GetAsync(icon!)).Status);

        await planner.GotoAsync("/requests");
        await ConsolePage.WaitForCircuitAsync(planner);
        await Assertions.Expect(planner.GetByTestId("request-link").First).ToBeVisibleAsync();
        await CheckBothWidthsAsync(planner, "planner-request-list");
    }

    [Fact]
    public async Task ThePlan_SaysWhichCoresAreConfirmed_AndWhichExpectedFromReportedStock_OnTheCardAndTheRequestPage()
    {
        // Issue 13, stock you can stand on: ECS stock is a reported category, so cloud cores nobody delivered yet are expected.
        await CloudOfferingsRefreshedAsync("cn-shanghai-");
        var owner = await SignedInAsync("owner");
        var newRequest = new NewRequestPage(owner);
        await newRequest.OpenAsync();
        // In Shanghai: the demo flash sale's deliveries in Beijing (when the other test's clock moved first) confirm cloud cores there.
        await newRequest.FillAsync("Order submission", 960, "cn-shanghai", "Double 12", "Order peak on reported cloud stock.");
        var preview = newRequest.Preview.GetByTestId("plan-stock");
        await Assertions.Expect(preview).ToContainTextAsync("expected from reported stock", new() { Timeout = 60_000 });
        var words = (await preview.InnerTextAsync()).Trim();
        Assert.Matches(@"^Stock: [\d,]+ confirmed · [\d,]+ expected from reported stock", words);
        var request = await newRequest.SubmitAsync();
        await Assertions.Expect(request.State).ToHaveTextAsync("Submitted");
        await Assertions.Expect(owner.GetByTestId("plan-stock")).ToHaveTextAsync(words);
        await Assertions.Expect(owner.GetByTestId("plan-row-stock").First).ToContainTextAsync("expected");
        await CheckBothWidthsAsync(owner, "owner-request-stock");

        var planner = await SignedInAsync("planner2");
        var approvals = new ApprovalsPage(planner);
        await approvals.OpenAsync();
        var card = approvals.Card(request.Id);
        await Assertions.Expect(card.GetByTestId("plan-stock")).ToHaveTextAsync(words, new() { Timeout = 60_000 });
        await Assertions.Expect(card.Locator("[data-kind=StockConfidence]")).ToContainTextAsync("nominal count assumed for the category");
        await card.ScrollIntoViewIfNeededAsync();
        await fixture.Shots.TakeAsync(planner, "planner-approval-stock", fullPage: false);
        await CheckBothWidthsAsync(planner, "planner-approval-stock-page");

        // Cancelled again, so no other test's moved clock acts on it.
        await request.OpenAsync(request.Id);
        await owner.GetByTestId("request-cancel").ClickAsync();
        await Assertions.Expect(request.State).ToHaveTextAsync("Cancelled");
    }

    /// <summary>
    /// Cloud offerings exist only once the stock refresh that runs at start has read them from the
    /// ECS emulator; a preview computed before then plans on IDC alone.
    /// </summary>
    private async Task CloudOfferingsRefreshedAsync(string memberZonePrefix)
    {
        using var api = new TwoInstances.ConsoleClient();
        await api.SignInAsync(fixture.Server.BaseUrl, "planner", ConsoleServer.DemoPassword);
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(90); await Task.Delay(500))
        {
            var offerings = await api.GetJsonAsync(fixture.Server.BaseUrl, "/api/v1/offerings?pageSize=500");
            if (offerings.EnumerateArray().Any(o => o.GetProperty("provider").GetString() == "AlibabaCloud"
                                                    && o.GetProperty("memberZoneId").GetString()!.StartsWith(memberZonePrefix, StringComparison.Ordinal)))
                return;
        }
        Assert.Fail($"No cloud offering in {memberZonePrefix}* 90 s after start: the stock refresh did not run.");
    }

    [Fact]
    public async Task OnCall_AfterAFailover_ShowsEffectiveHealth_HeldVsPlanned_AndRefusesASecondClick()
    {
        var owner = await SignedInAsync("owner");
        var newRequest = new NewRequestPage(owner);
        await newRequest.OpenAsync();
        await newRequest.FillAsync("Order submission", 640, "cn-beijing", "Double 12", "Order submission peak, watched by on-call.");
        await Assertions.Expect(newRequest.PlanTable).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CheckBothWidthsAsync(owner, "owner-preview");
        var request = await newRequest.SubmitAsync();
        var planner = await SignedInAsync("planner2");
        var approvals = new ApprovalsPage(planner);
        await approvals.OpenAsync();
        await approvals.ApproveAsync(request.Id, "Go.");
        await request.OpenAsync(request.Id);
        await fixture.Server.AdvanceClockAsync(95);
        await Assertions.Expect(request.State).ToHaveTextAsync("Active", Slow);
        await Assertions.Expect(owner.GetByTestId("progress-title")).Not.ToHaveTextAsync("Provisioning");
        await CheckBothWidthsAsync(owner, "owner-request-active");

        // On-call marks the internal zone with the most planned cores Down.
        var zone = await owner.Locator("[data-testid=plan-table] td[data-zone]").First.GetAttributeAsync("data-zone");
        var onCallPage = await SignedInAsync("oncall");
        var onCall = new OnCallPage(onCallPage);
        await onCall.OpenAsync();
        await onCall.MarkDownAsync(zone!, "E2E: power loss in the hall");
        await Assertions.Expect(onCall.Result).ToContainTextAsync("Healthy → Down");

        // Every member zone of the Down internal zone reads Down; the form starts over.
        var members = onCallPage.Locator($"[data-testid=zone-row][data-zone={zone}] [data-testid=member-health]");
        Assert.True(await members.CountAsync() > 0);
        foreach (var health in await members.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.health)"))
            Assert.Equal("Down", health);
        await Assertions.Expect(onCallPage.GetByTestId("health-apply")).ToHaveTextAsync("Mark Degraded");
        // Held vs planned: what runs in healthy zones over the plan, never more than 100 %.
        var held = onCallPage.GetByTestId("running-held").First;
        await Assertions.Expect(held).ToContainTextAsync("cores usable");
        await CheckBothWidthsAsync(onCallPage, "oncall-after-failover");

        // The burst preview's Units, Cores and ¥ stay in its narrow card.
        await onCall.PreviewBurstAsync("Order submission", 320, "cn-beijing", "Double 12", "E2E: live room trending, INC-4712");
        await CheckBothWidthsAsync(onCallPage, "oncall-burst-preview");

        // A second Down click on the same zone is refused with a message and changes nothing.
        await onCall.MarkDownAgainAsync(zone!, "E2E: clicked twice");
        await Assertions.Expect(onCallPage.GetByTestId("health-error")).ToContainTextAsync($"{zone} is already Down");
        await fixture.Shots.TakeAsync(onCallPage, "oncall-second-click-refused");

        // The request after the failover: one row per zone and offering, a what-if with no negative money.
        await request.OpenAsync(request.Id);
        await Assertions.Expect(owner.GetByTestId("plan-table")).ToBeVisibleAsync();
        var rows = await owner.Locator("[data-testid=plan-table] tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => [...r.querySelectorAll('td')].slice(0, 3).map(td => td.innerText.trim()).join('|'))");
        Assert.Equal(rows.Length, rows.Distinct().Count());
        await CheckBothWidthsAsync(owner, "owner-request-after-failover");
    }
}
