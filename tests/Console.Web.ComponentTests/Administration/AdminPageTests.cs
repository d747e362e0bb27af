using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CapacityConsole.Web.ComponentTests.Administration;

/// <summary>The Admin page behind the router's authorization, as the console serves it.</summary>
public sealed class AdminPageTests : ConsoleTestContext
{
    private IRenderedComponent<PageHost> RenderRouted() =>
        Render<PageHost>(p => p.AddChildContent<AuthorizeRouteView>(r => r
            .Add(x => x.RouteData, new RouteData(typeof(Admin), new Dictionary<string, object?>()))
            .Add(x => x.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddMarkupContent(0, "<p data-testid=denied>denied</p>")))));

    [Fact]
    public void NonAdmin_SeesNothingOfTheAdminPage()
    {
        SignIn("planner", Role.Planner | Role.OnCall | Role.Viewer);

        var page = RenderRouted();

        page.WaitForElement("[data-testid=denied]");
        Assert.Empty(page.FindAll("[data-testid=admin-tabs]"));
        Assert.DoesNotContain("API keys", page.Markup);
    }

    [Fact]
    public void Admin_SeesTheTabsWithCounts()
    {
        SignIn("admin", Role.Admin | Role.Viewer);

        var page = RenderRouted();

        page.WaitForAssertion(() => Assert.Contains("Users (6)", page.Find("[data-testid=admin-tabs]").TextContent));
        Assert.Contains("API keys (0 active)", page.Markup);
    }
}
