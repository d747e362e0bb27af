using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
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
        var budget = (await Get<BudgetRepository>().ListAsync()).First(b => b.CostCenter == "CC-TRADE" && b.State == BudgetState.Approved);
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        return await Get<RequestService>().FileAsync(
            new NewCoreQuotaRequest("order-submit", 64, "cn-beijing", [], start, start.AddHours(2), TimeSpan.FromMinutes(30), budget.Id,
                "Order peak."), actor, submit: true);
    }

    [Fact]
    public async Task Approve_OwnRequest_ShowsTheDomainsRefusalAsASnackbar_AndChangesNothing()
    {
        var request = await FileAsync(Admin);
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());
        page.WaitForElement($"[data-request='{request.Id}'] [data-testid=plan-table]");

        page.Find($"[data-request='{request.Id}'] [data-testid=approval-approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("'admin' filed this request and cannot approve it.",
            page.FindAll(".mud-snackbar").Select(s => s.TextContent)));
        var after = await Get<RequestRepository>().GetAsync(request.Id);
        Assert.Equal((RequestState.Submitted, 0m), (after.State, after.CommittedAmount));
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
}
