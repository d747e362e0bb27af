using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Components.Shared;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

public sealed class EmergencyBurstCardTests : ConsoleTestContext
{
    private IRenderedComponent<PageHost> RenderCard()
    {
        var page = Render<PageHost>(p => p.AddChildContent<EmergencyBurstCard>());
        page.WaitForElement("[data-testid=burst-card] .mud-alert, [data-testid=burst-card] form");
        return page;
    }

    private static string[] Errors(IRenderedComponent<PageHost> page) =>
        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToArray();

    [Fact]
    public void WithoutTheOnCallRole_ShowsNoForm()
    {
        SignIn("owner", Role.ServiceOwner | Role.Viewer);

        var page = RenderCard();

        Assert.Contains("Only on-call engineers and admins", page.Find("[data-testid=burst-denied]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=burst-card] form"));
    }

    [Fact]
    public async Task Preview_WithMissingFields_NamesEach_AndStartsNothing()
    {
        SignIn("oncall", Role.OnCall | Role.Viewer);
        var page = RenderCard();

        page.Find("[data-testid=burst-card] form").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = Errors(page);
            Assert.Contains("Choose the service to burst.", errors);
            Assert.Contains("Say how many cores.", errors);
            Assert.Contains("Choose a region.", errors);
            Assert.Contains("Choose the budget to charge.", errors);
            Assert.Contains("Say why the burst is needed.", errors);
        });
        Assert.True(page.Find("[data-testid=burst-start]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=burst-plan]"));
        Assert.Empty(await Get<RequestRepository>().ListAsync());
    }

    [Fact]
    public void TheServicePicker_SearchesTheWholeCatalogue()
    {
        SignIn("oncall", Role.OnCall | Role.Viewer);
        var page = RenderCard();

        page.Find("input[data-testid=burst-service]").Input("gate");

        page.WaitForAssertion(() => Assert.Equal(["Live-room gateway (Stateless)"], page.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Duration_OutOfRange_IsNamedAtTheField()
    {
        SignIn("oncall", Role.OnCall | Role.Viewer);
        var page = RenderCard();

        page.Find("[data-testid=burst-duration]").Input("500");

        page.WaitForAssertion(() => Assert.Contains("The burst lasts from 15 minutes to 168 hours.", Errors(page)));
    }
}
