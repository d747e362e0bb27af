using Bunit;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Administration;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Administration;

public sealed class ServicesTabTests : AdminTestContext
{
    private async Task<IRenderedComponent<PageHost>> RenderTabAsync()
    {
        var zones = (await Get<TopologyRepository>().GetSnapshotAsync()).InternalZones;
        return Render<PageHost>(p => p.AddChildContent<ServicesTab>(t => t.Add(x => x.Zones, zones)));
    }

    [Fact]
    public async Task Create_ShowsFieldMessages_ForABadIdAndCostCenter_AndStoresNothing()
    {
        var before = (await Get<ServiceRepository>().ListAsync()).Count;
        var page = await RenderTabAsync();
        page.Find("[data-testid=new-service]").Click();
        page.Find("[data-testid=service-id]").Input("Bad Id!");
        page.Find("[data-testid=service-cost-center]").Input("c c");

        page.Find("[data-testid=service-form]").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = Errors(page);
            Assert.Contains("An id is 2 to 40 lower-case letters, digits or '-', starting with a letter, e.g. trade-cache.", errors);
            Assert.Contains("A cost center is 2–40 letters, digits, '-' or '_', e.g. CC-TRADE.", errors);
            Assert.Contains("Give the service a name of at most 80 characters.", errors);
        });
        Assert.Equal(before, (await Get<ServiceRepository>().ListAsync()).Count);
    }

    [Fact]
    public async Task Create_StoresTheZonesTicked_AndEdit_ChangesTheTier()
    {
        var page = await RenderTabAsync();
        page.Find("[data-testid=new-service]").Click();
        page.Find("[data-testid=service-id]").Input("search-cache");
        page.Find("[data-testid=service-name]").Input("Search cache");
        page.Find("[data-testid=service-team]").Input("search");
        page.Find("[data-testid=service-cost-center]").Input("cc-search");
        Tick(page, "zone-bj-2");
        Tick(page, "zone-bj-1");

        page.Find("[data-testid=service-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("search-cache", page.Find("[data-testid=services-table]").TextContent));
        var created = await Get<ServiceRepository>().GetAsync("search-cache");
        Assert.Equal(("CC-SEARCH", ServiceTier.Stateless, true), (created.CostCenter, created.Tier, created.CloudAllowed));
        Assert.Equal(["bj-1", "bj-2"], created.AllowedInternalZoneIds);

        page.Find("[data-testid=edit-search-cache]").Click();
        Tick(page, "service-cloud", on: false);
        page.Find("[data-testid=service-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Service 'search-cache' saved.", page.Markup));
        Assert.False((await Get<ServiceRepository>().GetAsync("search-cache")).CloudAllowed);
    }

    [Fact]
    public async Task ALongCatalogue_ShowsAPageAtATime_AndTheSearchNarrowsItInTheDatabase()
    {
        var admin = new Scheduler.Access.Actor("admin", null, Scheduler.Access.Role.Admin);
        for (var i = 1; i <= 30; i++)
            await Get<ServiceAdministration>().CreateAsync(new ServiceInput($"bulk-{i:00}", $"Bulk {i:00}", "bulk", "CC-BULK", ServiceTier.Stateless, true, []), admin);
        var total = (await Get<ServiceRepository>().PageAsync(null, Scheduler.Storage.PageRequest.First(1))).Total;

        var page = await RenderTabAsync();

        page.WaitForAssertion(() => Assert.Contains($"1–25 of {total} services", page.Find("[data-testid=services-pager-summary]").TextContent));
        Assert.Equal(25, page.FindAll("[data-testid=services-table] tbody tr").Count);
        page.Find("input[data-testid=services-search]").Input("BULK 2");
        page.WaitForAssertion(() => Assert.Contains("1–10 of 10 services", page.Find("[data-testid=services-pager-summary]").TextContent), TimeSpan.FromSeconds(5));
        Assert.All(page.FindAll("[data-testid=services-table] tbody tr"), row => Assert.Contains("Bulk 2", row.TextContent));
    }
}
