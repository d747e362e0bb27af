using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>The requests page shows one page from the database and refreshes the row a live update names.</summary>
public sealed class RequestListTests : ConsoleTestContext
{
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner | Role.Viewer);

    public RequestListTests() => SignIn("owner", Owner.Roles);

    private async Task<List<CoreQuotaRequest>> FileAsync(int count)
    {
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        var filed = new List<CoreQuotaRequest>();
        for (var i = 0; i < count; i++)
            filed.Add(await Get<RequestService>().FileAsync(new NewCoreQuotaRequest("order-submit", 64, "cn-beijing", [], start.AddMinutes(i),
                start.AddMinutes(i).AddHours(2), TimeSpan.FromMinutes(30), budget.Id, $"Order peak {i}."), Owner, submit: true));
        return filed;
    }

    [Fact]
    public async Task ShowsOnePageOfTheTotal_AndALiveUpdateRefreshesTheRowItNames()
    {
        var filed = await FileAsync(RequestList.PageSize + 5);
        var page = Render<PageHost>(p => p.AddChildContent<RequestList>());
        page.WaitForAssertion(() => Assert.Equal(RequestList.PageSize, page.FindAll("[data-testid=request-link]").Count));
        Assert.Contains($"of {filed.Count} requests", page.Find("[data-testid=requests-pager-summary]").TextContent);

        // Newest window first: the last filed is on the first page. It is cancelled elsewhere and the executor-style update names it.
        var shown = filed[^1];
        await Get<RequestService>().CancelAsync(shown.Id, Owner);
        Get<LiveNotifier>().Publish(new RequestProgressed(shown.Id, RequestState.Cancelled, 0, 0, null, Get<TimeProvider>().GetUtcNow()));

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").Single(r => r.InnerHtml.Contains($"/requests/{shown.Id}", StringComparison.Ordinal));
            Assert.Contains("Cancelled", row.TextContent);
        });
        Assert.Equal(RequestList.PageSize, page.FindAll("[data-testid=request-link]").Count);
    }

    [Fact]
    public async Task TwoRowsChangedInOneBurst_AreBothRefreshed()
    {
        var filed = await FileAsync(3);
        var page = Render<PageHost>(p => p.AddChildContent<RequestList>());
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=request-link]").Count));

        // Both cancelled elsewhere, their updates back to back (as two executors' batches): one reload must show both.
        foreach (var request in filed[..2]) await Get<RequestService>().CancelAsync(request.Id, Owner);
        var now = Get<TimeProvider>().GetUtcNow();
        foreach (var request in filed[..2]) Get<LiveNotifier>().Publish(new RequestProgressed(request.Id, RequestState.Cancelled, 0, 0, null, now));

        page.WaitForAssertion(() => Assert.All(filed[..2], request =>
            Assert.Contains("Cancelled", page.FindAll("tr").Single(r => r.InnerHtml.Contains($"/requests/{request.Id}", StringComparison.Ordinal)).TextContent)));
    }

    [Fact]
    public async Task TheServiceFilter_SearchesTheCatalogue_AndShowsOnlyTheChosenServicesRequests()
    {
        var budget = (await Get<BudgetRepository>().ListChargeableAsync(Get<TimeProvider>().GetUtcNow())).First(b => b.CostCenter == "CC-TRADE");
        var start = Get<TimeProvider>().GetUtcNow().AddHours(2);
        await FileAsync(2); // order-submit
        var cache = await Get<RequestService>().FileAsync(new NewCoreQuotaRequest("product-detail-cache", 64, "cn-beijing", [], start, start.AddHours(2),
            TimeSpan.FromMinutes(30), budget.Id, "Cache warm-up."), Owner, submit: true);
        var page = Render<PageHost>(p => p.AddChildContent<RequestList>());
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=request-link]").Count));

        page.Find("input[data-testid=request-service-filter]").Input("detail");
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-list-item"), i => i.TextContent.Contains("Product detail cache")), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(page.FindAll(".mud-list-item"), i => i.TextContent.Contains("Order submission"));
        page.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Product detail cache")).Click();

        page.WaitForAssertion(() => Assert.Equal([$"/requests/{cache.Id}"],
            page.FindAll("[data-testid=request-link]").Select(a => a.GetAttribute("href"))), TimeSpan.FromSeconds(5));
    }
}
