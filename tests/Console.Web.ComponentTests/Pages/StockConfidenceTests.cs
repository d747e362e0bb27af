using System.Globalization;
using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>
/// Stock you can stand on (issue 13): the approval card and the request page say in words which
/// planned cores are confirmed and which are expected from reported (ECS category) stock.
/// </summary>
public sealed class StockConfidenceTests : ConsoleTestContext
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner | Role.Viewer);
    private static readonly string[] CloudZones = ["cn-beijing-h", "cn-beijing-i", "cn-beijing-j", "cn-beijing-k", "cn-beijing-l"];

    public StockConfidenceTests() => SignIn("admin", Role.Admin | Role.Planner | Role.OnCall | Role.Viewer);

    /// <summary>ECS offerings reported WithStock (1,000 assumed; cn-beijing-h the cheapest), and a batch there that delivered 20 units just now.</summary>
    private async Task<CoreQuotaRequest> FileOnReportedStockAsync()
    {
        var now = Get<TimeProvider>().GetUtcNow();
        await Get<TopologyRepository>().UpsertOfferingsAsync(CloudZones.Select(z => new Offering($"{z}/ecs.c7.8xlarge", z, ProviderKind.AlibabaCloud,
            "ecs.c7.8xlarge", "ecs.c7", 32, z == "cn-beijing-h" ? 2.4m : 2.5m, 1000, now) { StockKind = StockKind.Reported, StockCategory = ReportedStockCategory.WithStock }));
        Get<LearnedStock>().Record("cn-beijing-h", "ecs.c7.8xlarge", requested: 20, delivered: 20, now);
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        return await Get<RequestService>().FileAsync(new NewCoreQuotaRequest("order-submit", 640, "cn-beijing", [], now.AddHours(2), now.AddHours(4),
            TimeSpan.FromMinutes(30), budget.Id, "Order peak."), Owner, submit: true);
    }

    private async Task<string> ExpectedWordsAsync(CoreQuotaRequest request)
    {
        var plan = await Get<RequestService>().PreviewAsync(request.Id);
        // What cn-beijing-h delivered covers the plan's units there; every other zone rests on the assumed count.
        var h = plan.Allocations.Where(a => a.MemberZoneId == "cn-beijing-h").ToList();
        Assert.True(h.Sum(a => a.Units) is > 0 and <= 20);
        Assert.Equal(h.Sum(a => a.Cores), plan.ConfirmedCores);
        Assert.True(plan.ExpectedCores > 0);
        return string.Format(C, "Stock: {0:N0} confirmed · {1:N0} expected from reported stock ({1:N0} on an assumed count, nothing learned yet)",
            plan.ConfirmedCores, plan.ExpectedCores);
    }

    [Fact]
    public async Task ApprovalCard_SaysWhichCoresAreConfirmed_AndWhichExpectedFromReportedStock()
    {
        var request = await FileOnReportedStockAsync();
        var page = Render<PageHost>(p => p.AddChildContent<Approvals>());

        var stock = page.WaitForElement($"[data-request='{request.Id}'] [data-testid=plan-stock]");

        Assert.Equal(await ExpectedWordsAsync(request), stock.TextContent.Trim());
        var rows = page.FindAll($"[data-request='{request.Id}'] [data-testid=plan-row-stock]").Select(r => r.TextContent.Trim()).ToList();
        Assert.Contains("delivered recently", rows);
        Assert.Contains("expected (assumed)", rows);
    }

    [Fact]
    public async Task RequestPage_SaysWhichCoresAreConfirmed_AndWhichExpectedFromReportedStock()
    {
        var request = await FileOnReportedStockAsync();
        var page = Render<PageHost>(p => p.AddChildContent<RequestDetails>(c => c.Add(x => x.Id, request.Id)));

        var stock = page.WaitForElement("[data-testid=plan-stock]");

        Assert.Equal(await ExpectedWordsAsync(request), stock.TextContent.Trim());
        Assert.Contains("expected from reported stock", page.Find("[data-kind=StockConfidence]").TextContent);
    }

    [Fact]
    public async Task APlanOnCountedStockOnly_IsAllConfirmed()
    {
        // The seeded demo has only IDC host classes: every core is counted.
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        var request = await Get<RequestService>().FileAsync(new NewCoreQuotaRequest("order-submit", 64, "cn-beijing", [], start, start.AddHours(2),
            TimeSpan.FromMinutes(30), budget.Id, "Order peak."), Owner, submit: true);
        var page = Render<PageHost>(p => p.AddChildContent<RequestDetails>(c => c.Add(x => x.Id, request.Id)));

        var stock = page.WaitForElement("[data-testid=plan-stock]");

        var plan = await Get<RequestService>().PreviewAsync(request.Id);
        Assert.Equal(0, plan.ExpectedCores);
        Assert.Equal(string.Format(C, "Stock: {0:N0} confirmed", plan.PlannedCores), stock.TextContent.Trim());
    }
}
