using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>Issue 14 point 3 on the demo data: every internal zone's bars on one scale, totals, IDC vs cloud.</summary>
public sealed class DashboardTests : ConsoleTestContext
{
    [Fact]
    public void EveryZone_ShowsHeldPlannedAndFree_AndTheTotalsAddUp()
    {
        SignIn("viewer", Role.Viewer);
        var page = Render<PageHost>(p => p.AddChildContent<Dashboard>());

        page.WaitForElement("[data-testid=bar-scale]");
        var bars = page.FindAll("[data-testid=capacity-bar]");
        Assert.Equal(16, bars.Count); // 8 internal zones × IDC and cloud
        int Sum(string attribute) => bars.Sum(b => int.Parse(b.GetAttribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Sum("data-held") + Sum("data-free"), Sum("data-total"));
        Assert.Equal(Sum("data-total").ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=stat-total]").TextContent);
        // Nothing held or planned yet: the share says so instead of dividing by zero.
        Assert.Contains("— none", page.Find("[data-testid=share-held]").TextContent);
        Assert.DoesNotContain("NaN", page.Markup);
    }

    [Fact]
    public async Task BeforeTheCloudsFirstStockRefresh_TheTotalSaysItsStockIsNotReadYet()
    {
        SignIn("viewer", Role.Viewer);
        await DeleteOfferingsAsync("WHERE provider = 'AlibabaCloud'");

        var page = Render<PageHost>(p => p.AddChildContent<Dashboard>());

        page.WaitForElement("[data-testid=stat-total]");
        Assert.Equal("(Alibaba Cloud stock not read yet)", page.Find("[data-testid=stock-not-read]").TextContent);
    }

    [Fact]
    public async Task BeforeTheFirstStockRefresh_TheTotalSaysStockIsNotReadYet_NotZeroReachable()
    {
        SignIn("viewer", Role.Viewer);
        await DeleteOfferingsAsync("");

        var page = Render<PageHost>(p => p.AddChildContent<Dashboard>());

        page.WaitForElement("[data-testid=stock-not-read]");
        Assert.Contains("Stock not read yet", page.Find("[data-testid=stat-held]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=stat-total]"));
        Assert.DoesNotContain("reachable", page.Find("[data-testid=stat-held]").TextContent);
    }

    [Fact]
    public async Task WhenTheFirstStockRefreshLands_AnOpenDashboardShowsTheStock()
    {
        SignIn("viewer", Role.Viewer);
        await DeleteOfferingsAsync("WHERE provider = 'AlibabaCloud'");
        var page = Render<PageHost>(p => p.AddChildContent<Dashboard>());
        page.WaitForElement("[data-testid=stock-not-read]");
        var totalBefore = page.Find("[data-testid=stat-total]").TextContent;

        // What the refresh writes, then what it publishes (the test context has no cloud provider to read).
        await Get<TopologyRepository>().UpsertOfferingsAsync([new Offering("cn-beijing-h/ecs.c7.8xlarge", "cn-beijing-h", ProviderKind.AlibabaCloud,
            "ecs.c7.8xlarge", "ecs.c7", 32, 6.68m, 1000, DateTimeOffset.UtcNow)]);
        Get<CapacityConsole.Scheduler.Live.LiveNotifier>().Publish(new StockRefreshed(["bj-1"], DateTimeOffset.UtcNow));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=stock-not-read]")), TimeSpan.FromSeconds(10));
        Assert.NotEqual(totalBefore, page.Find("[data-testid=stat-total]").TextContent); // 32,000 cloud cores more
    }

    /// <summary>The state right after start-up: the stock refresh has not written these offerings yet.</summary>
    private async Task DeleteOfferingsAsync(string where)
    {
        await using var c = await Get<CapacityConsole.Scheduler.Storage.Database>().OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(c, $"DELETE FROM offerings {where}");
    }

    [Fact]
    public async Task AZonesHealthChange_ShowsOnItsCardLive_WithoutAReload()
    {
        SignIn("viewer", Role.Viewer);
        var page = Render<PageHost>(p => p.AddChildContent<Dashboard>());
        page.WaitForElement("[data-testid=internal-zone][data-zone=sh-3]");
        var onCall = new Actor("oncall", null, Role.OnCall);

        await Get<FailoverService>().SetHealthAsync("sh-3", null, ZoneHealth.Degraded, "cooling fault", onCall);
        page.WaitForAssertion(() => Assert.Equal("cooling fault", page.Find("[data-testid=internal-zone][data-zone=sh-3] [data-testid=health-reason]").TextContent.Trim()));

        // A second change straight after the first (within Live:PageRefreshInterval) still shows: the latest is never dropped.
        await Get<FailoverService>().SetHealthAsync("sh-3", null, ZoneHealth.Degraded, "cooling fixed, watching", onCall);
        page.WaitForAssertion(() => Assert.Equal("cooling fixed, watching", page.Find("[data-testid=internal-zone][data-zone=sh-3] [data-testid=health-reason]").TextContent.Trim()));
    }
}
