using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd;

/// <summary>
/// Issue 7's browser flow against the real console process: budget, request with its preview,
/// approval, live provisioning through a moved clock, failover, release. Each step leaves a screenshot.
/// </summary>
public sealed class FlashSaleFlowTests : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 180_000 };

    private ConsoleServer _server = default!;
    private Infrastructure.Browser _browser = default!;
    private readonly Screenshots _shots = new();

    public async Task InitializeAsync()
    {
        _server = await ConsoleServer.StartAsync();
        _browser = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync(user, ConsoleServer.DemoPassword);
        return page;
    }

    [Fact]
    public async Task FlashSale_FromBudgetToRelease_IsFollowedLiveInTheBrowser()
    {
        // 1. A planner creates a budget (submitted at once); four-eyes: they are not offered its approval,
        // another planner approves it.
        var planner = await SignedInAsync("planner");
        var createBudget = new CreateBudgetPage(planner);
        await createBudget.OpenAsync();
        await createBudget.FillAsync("E2E flash sale", "CC-TRADE", "E2E sale", 500_000m);
        await _shots.TakeAsync(planner, "planner-new-budget");
        var budget = await createBudget.CreateAsync();
        await Assertions.Expect(budget.State).ToHaveTextAsync("Pending approval");
        await Assertions.Expect(budget.FourEyesNote).ToBeVisibleAsync();
        await Assertions.Expect(budget.ApproveButton).ToHaveCountAsync(0);
        var secondPlanner = await SignedInAsync("planner2");
        var approving = await new BudgetPage(secondPlanner).OpenAsync(budget.Id);
        await approving.ApproveAsync("Approved for the end-to-end sale.");
        await _shots.TakeAsync(secondPlanner, "planner2-budget-approved");

        // 2. The service owner files a request and sees its plan and cost before submitting.
        var owner = await SignedInAsync("owner");
        var newRequest = new NewRequestPage(owner);
        await newRequest.OpenAsync();
        await newRequest.FillAsync("Order submission", 640, "cn-beijing", "E2E flash sale", "End-to-end flash sale: order submission peak.");
        await Assertions.Expect(newRequest.PlanTable).ToBeVisibleAsync();
        await Assertions.Expect(newRequest.Preview.GetByTestId("budget-impact")).ToContainTextAsync("E2E flash sale");
        await _shots.TakeAsync(owner, "owner-request-preview");
        await _shots.TakeNarrowAsync(owner, "owner-request-preview");
        var request = await newRequest.SubmitAsync();
        await Assertions.Expect(request.State).ToHaveTextAsync("Submitted");
        await _shots.TakeAsync(owner, "owner-request-submitted");

        // 3. Another planner approves it from the queue, seeing the plan and the budget impact.
        var planner2 = await SignedInAsync("planner2");
        var approvals = new ApprovalsPage(planner2);
        await approvals.OpenAsync();
        await Assertions.Expect(approvals.Card(request.Id).GetByTestId("plan-table")).ToBeVisibleAsync();
        await _shots.TakeAsync(planner2, "planner2-approvals");
        await approvals.ApproveAsync(request.Id, "Go.");
        // The owner's open page follows the approval.
        await request.OpenAsync(request.Id);
        await Assertions.Expect(request.State).ToHaveTextAsync("Scheduled");
        await _shots.TakeAsync(owner, "owner-request-scheduled");

        // 4. The clock moves past the pre-warm time; the owner's page shows provisioning live until Active.
        await _server.AdvanceClockAsync(95);
        await Assertions.Expect(request.State).ToHaveTextAsync("Provisioning", Slow);
        await _shots.TakeAsync(owner, "owner-request-provisioning");
        await Assertions.Expect(request.State).ToHaveTextAsync("Active", Slow);
        await Assertions.Expect(request.Resources).ToBeVisibleAsync();
        await Assertions.Expect(request.Timeline.GetByTestId("timeline-event").First).ToBeVisibleAsync();
        await _shots.TakeAsync(owner, "owner-request-active");
        await _shots.TakeNarrowAsync(owner, "owner-request-active");

        var dashboard = await SignedInAsync("viewer");
        await Assertions.Expect(dashboard.GetByTestId("active-requests").GetByTestId("glance-request")).ToHaveCountAsync(1);
        await _shots.TakeAsync(dashboard, "viewer-dashboard-active");
        await _shots.TakeNarrowAsync(dashboard, "viewer-dashboard-active");
        await dashboard.GotoAsync("/capacity");
        await Assertions.Expect(dashboard.GetByTestId("capacity-zone").First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await _shots.TakeAsync(dashboard, "viewer-live-capacity");

        // 5. On-call marks a zone the request runs in Down and sees the failover re-plan.
        var zone = await owner.Locator("[data-testid=plan-table] td[data-zone]").First.GetAttributeAsync("data-zone");
        var onCall = new OnCallPage(await SignedInAsync("oncall"));
        await onCall.OpenAsync();
        await onCall.MarkDownAsync(zone!, "E2E: power loss in the hall");
        await Assertions.Expect(onCall.Result).ToContainTextAsync("Healthy → Down");
        await Assertions.Expect(onCall.Result.GetByTestId("failover-table")).ToContainTextAsync("Order submission");
        await _shots.TakeAsync(onCall.Page, "oncall-zone-down-failover");
        await _shots.TakeNarrowAsync(onCall.Page, "oncall-zone-down-failover");

        // 6. The window ends; the release job returns everything and the owner's page shows Released.
        await _server.AdvanceClockAsync(300);
        await Assertions.Expect(request.State).ToHaveTextAsync("Released", Slow);
        await _shots.TakeAsync(owner, "owner-request-released");

        // Blazor and MudBlazor did all of the above under the pages' Content-Security-Policy (issue 10).
        Assert.Empty(_browser.CspViolations);
    }
}
