using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

public sealed class RequestDetailsTests : ConsoleTestContext
{
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner | Role.Viewer);

    public RequestDetailsTests() => SignIn("owner", Owner.Roles);

    private async Task<CoreQuotaRequest> FileAsync()
    {
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        return await Get<RequestService>().FileAsync(
            new NewCoreQuotaRequest("order-submit", 64, "cn-beijing", [], start, start.AddHours(2), TimeSpan.FromMinutes(30), budget.Id,
                "Order peak."), Owner, submit: true);
    }

    [Fact]
    public async Task Progress_FollowsTheExecutorsLiveUpdates_WithoutAReload()
    {
        var request = await FileAsync();
        var page = Render<PageHost>(p => p.AddChildContent<RequestDetails>(c => c.Add(x => x.Id, request.Id)));
        page.WaitForAssertion(() => Assert.Equal("Submitted", page.Find("[data-testid=request-state]").TextContent.Trim()));

        Get<LiveNotifier>().Publish(new RequestProgressed(request.Id, RequestState.Provisioning, 96, 192,
            "Batch 1: 1 × idc.h96.general running in bj-idc-yizhuang.", DateTimeOffset.UtcNow));

        page.WaitForAssertion(() =>
        {
            // Delivered counts running resources (issue 14: Pending is not delivered); the plan's size and message come live.
            Assert.Equal("0 / 192 cores running", page.Find("[data-testid=progress-text]").TextContent.Trim());
            Assert.Contains("Batch 1: 1 × idc.h96.general", page.Find("[data-testid=progress-message]").TextContent);
        });
    }

    [Fact]
    public async Task PlanPreview_ListsTheReasonsForItsChoices()
    {
        var request = await FileAsync();
        var page = Render<PageHost>(p => p.AddChildContent<RequestDetails>(c => c.Add(x => x.Id, request.Id)));

        var reasons = page.WaitForElement("[data-testid=plan-reasons]");

        Assert.Contains("IDC headroom kept for hot-cache services", reasons.QuerySelector("[data-kind=IdcHeadroomKept]")!.TextContent);
        Assert.Contains("planned for 64 served", reasons.QuerySelector("[data-kind=Spread]")!.TextContent);
    }

    [Fact]
    public async Task Progress_IgnoresUpdatesOfOtherRequests()
    {
        var request = await FileAsync();
        var page = Render<PageHost>(p => p.AddChildContent<RequestDetails>(c => c.Add(x => x.Id, request.Id)));
        page.WaitForAssertion(() => Assert.StartsWith("0 / ", page.Find("[data-testid=progress-text]").TextContent.Trim()));
        var before = page.Find("[data-testid=progress-text]").TextContent;

        Get<LiveNotifier>().Publish(new RequestProgressed(Guid.NewGuid(), RequestState.Provisioning, 96, 192, "someone else's", DateTimeOffset.UtcNow));
        // A second update for this request proves the page is listening; the other request's never arrived.
        Get<LiveNotifier>().Publish(new RequestProgressed(request.Id, RequestState.Provisioning, 0, 192, "Ordering.", DateTimeOffset.UtcNow));

        page.WaitForAssertion(() => Assert.Equal("Ordering.", page.Find("[data-testid=progress-message]").TextContent.Trim()));
        Assert.DoesNotContain("someone else's", page.Markup);
        Assert.StartsWith("0 / ", before.Trim());
    }
}
