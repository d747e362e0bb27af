using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

public sealed class ApprovalsTests : ConsoleTestContext
{
    // The demo admin is also a planner and may file for any team: the one user who could approve their own request.
    private static readonly Actor Admin = new("admin", null, Role.Admin | Role.Planner | Role.OnCall | Role.Viewer);

    public ApprovalsTests() => SignIn("admin", Admin.Roles);

    private async Task<CoreQuotaRequest> FileAsync(Actor actor)
    {
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        return await Get<RequestService>().FileAsync(
            new NewCoreQuotaRequest("order-submit", 64, "cn-beijing", [], start, start.AddHours(2), TimeSpan.FromMinutes(30), budget.Id,
                "Order peak."), actor, submit: true);
    }

    [Fact]
    public async Task ApprovalCard_ShowsWhyThePlanLooksAsItDoes()
    {
        var request = await FileAsync(new Actor("owner", "trade", Role.ServiceOwner | Role.Viewer));
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());

        var reasons = page.WaitForElement($"[data-request='{request.Id}'] [data-testid=plan-reasons]");

        Assert.Contains("Stateless service: cloud first", reasons.QuerySelector("[data-kind=CloudFirst]")!.TextContent);
        Assert.Contains("N+1: losing any one of the", reasons.QuerySelector("[data-kind=Spread]")!.TextContent);
    }

    [Fact]
    public async Task OwnRequest_IsNotOfferedForApproval_OthersAre()
    {
        // Issue 10, four-eyes: the button is not there for one's own request (the domain refuses it too).
        var own = await FileAsync(Admin);
        var others = await FileAsync(new Actor("owner", "trade", Role.ServiceOwner | Role.Viewer));
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());
        page.WaitForElement($"[data-request='{own.Id}'] [data-testid=plan-table]");

        Assert.Empty(page.FindAll($"[data-request='{own.Id}'] [data-testid=approval-approve]"));
        Assert.Contains("another planner must approve it", page.Find($"[data-request='{own.Id}'] [data-testid=four-eyes-note]").TextContent);
        Assert.Single(page.FindAll($"[data-request='{others.Id}'] [data-testid=approval-approve]"));
        Assert.Empty(page.FindAll($"[data-request='{others.Id}'] [data-testid=four-eyes-note]"));
        var e = await Assert.ThrowsAsync<CapacityConsole.Scheduler.ForbiddenException>(() => Get<RequestService>().ApproveAsync(own.Id, Admin, null));
        Assert.Contains("Four-eyes rule", e.Message);
    }

    [Fact]
    public async Task Reject_WithoutAComment_IsRefusedAtTheField()
    {
        var owner = new Actor("owner", "trade", Role.ServiceOwner | Role.Viewer);
        var request = await FileAsync(owner);
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());
        page.WaitForElement($"[data-request='{request.Id}'] [data-testid=approval-reject]");

        page.Find($"[data-request='{request.Id}'] [data-testid=approval-reject]").Click();

        page.WaitForAssertion(() => Assert.Contains("Say why the request is rejected.", page.Find($"[data-request='{request.Id}']").TextContent));
        Assert.Equal(RequestState.Submitted, (await Get<RequestRepository>().GetAsync(request.Id)).State);
    }

    [Fact]
    public async Task Card_ShowsItsStoredPreviewIsCurrent_AndStaleWithTheReasonOnceAZoneChanges()
    {
        var owner = new Actor("owner", "trade", Role.ServiceOwner | Role.Viewer);
        var request = await FileAsync(owner);
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());
        // Not planned at render: the card's preview is made after it shows, then stored.
        page.WaitForElement($"[data-request='{request.Id}'] [data-testid=plan-current]");

        await Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync(
            "bj-2", null, CapacityConsole.Scheduler.Topology.ZoneHealth.Degraded, "Cooling fault in hall 3", new Actor("oncall", null, Role.OnCall));

        page.WaitForAssertion(() => Assert.Contains("stock, prices or zone health changed since",
            page.Find($"[data-request='{request.Id}'] [data-testid=plan-stale]").TextContent));
        Assert.Equal(RequestState.Submitted, (await Get<RequestRepository>().GetAsync(request.Id)).State);
    }

    [Fact]
    public async Task Card_TurnsStale_WhenAStockRefreshStoresOtherStock()
    {
        var request = await FileAsync(new Actor("owner", "trade", Role.ServiceOwner | Role.Viewer));
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());
        page.WaitForElement($"[data-request='{request.Id}'] [data-testid=plan-current]");

        // What a refresh stores (one Beijing hall has a host less), then what it publishes.
        var topology = Get<TopologyRepository>();
        var offering = (await topology.GetSnapshotAsync()).Offerings.First(o => o.MemberZoneId == "bj-idc-yizhuang");
        await topology.UpsertOfferingsAsync([offering with { Stock = offering.Stock - 1 }]);
        Get<LiveNotifier>().Publish(new StockRefreshed(["bj-1"], Get<TimeProvider>().GetUtcNow()));

        page.WaitForAssertion(() => Assert.Contains("stock, prices or zone health changed since",
            page.Find($"[data-request='{request.Id}'] [data-testid=plan-stale]").TextContent));
    }
}
