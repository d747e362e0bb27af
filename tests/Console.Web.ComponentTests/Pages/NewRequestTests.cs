using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

public sealed class NewRequestTests : ConsoleTestContext
{
    public NewRequestTests() => SignIn("owner", Role.ServiceOwner | Role.Viewer);

    private IRenderedComponent<PageHost> RenderPage()
    {
        var page = Render<PageHost>(p => p.AddChildContent<NewRequest>());
        page.WaitForElement("[data-testid=request-form]");
        return page;
    }

    private static string[] Errors(IRenderedComponent<PageHost> page) =>
        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToArray();

    private async Task<int> RequestCountAsync() => (await Get<RequestRepository>().ListAsync()).Count;

    [Fact]
    public async Task Submit_NamesEveryMissingField_AndFilesNothing()
    {
        var page = RenderPage();

        page.Find("form").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = Errors(page);
            Assert.Contains("Choose a service.", errors);
            Assert.Contains("Enter how many cores are needed.", errors);
            Assert.Contains("Choose a region.", errors);
            Assert.Contains("Choose a budget to charge.", errors);
            Assert.Contains("Say why the cores are needed.", errors);
        });
        Assert.Equal(0, await RequestCountAsync());
    }

    [Fact]
    public void TheServicePicker_SearchesOnlyTheOwnersTeamsServices()
    {
        var page = RenderPage();

        page.Find("input[data-testid=request-service]").Input("e");

        page.WaitForAssertion(() => Assert.Equal(["Inventory hot cache", "Order submission", "Product detail cache"],
            page.FindAll(".mud-list-item").Select(i => i.TextContent.Split(" (")[0].Trim())), TimeSpan.FromSeconds(5));
        page.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Order submission")).Click();
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.DoesNotContain("Choose a service.", Errors(page)));
        Assert.Equal("Order submission", page.Find("input[data-testid=request-service]").GetAttribute("value"));
    }

    [Fact]
    public async Task ATeamWithOneService_FindsItChosen()
    {
        await Get<UserAdministration>().CreateAsync(new NewUser("lena", "Lena Live", "LIVE", [Role.ServiceOwner], "lena-password-12"), Actor.System("test"));
        SignIn("lena", Role.ServiceOwner | Role.Viewer);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Live-room gateway", page.Find("input[data-testid=request-service]").GetAttribute("value")));
    }

    [Fact]
    public void WindowTimes_AreShownOnATwentyFourHourUtcClock()
    {
        // Issue 14: the browser's datetime-local picker showed "07:00 PM" on a UTC page.
        var page = RenderPage();

        var start = page.Find("input[data-testid=request-start], [data-testid=request-start] input").GetAttribute("value");

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} [0-2]\d:[0-5]\d$", start);
        Assert.Empty(page.FindAll("input[type=datetime-local]"));
    }

    [Fact]
    public async Task Cores_OutOfRange_IsNamedAtTheField()
    {
        var page = RenderPage();

        page.Find("[data-testid=request-cores]").Input("0");

        page.WaitForAssertion(() => Assert.Contains("Cores must be a whole number from 1 to 2,000,000.", Errors(page)));
        Assert.Equal(0, await RequestCountAsync());
    }

    [Fact]
    public async Task Window_InThePastOrBackwards_IsNamedAtItsField()
    {
        var page = RenderPage();
        page.Find("[data-testid=request-start]").Change("2020-01-01T10:00");

        page.WaitForAssertion(() => Assert.Contains("The window cannot start in the past.", Errors(page)));

        page.Find("[data-testid=request-start]").Change("2099-01-01T10:00");
        page.Find("[data-testid=request-end]").Change("2099-01-01T09:00");

        page.WaitForAssertion(() => Assert.Contains("The window must end after it starts.", Errors(page)));
        Assert.Equal(0, await RequestCountAsync());
    }
}
