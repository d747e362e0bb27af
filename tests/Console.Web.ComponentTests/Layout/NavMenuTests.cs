using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Layout;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Layout;

/// <summary>The navigation shows each user the pages their roles allow, through the console's real policies.</summary>
public sealed class NavMenuTests : ConsoleTestContext
{
    private IRenderedComponent<PageHost> RenderNav(string user, Role roles)
    {
        SignIn(user, roles);
        return Render<PageHost>(p => p.AddChildContent<NavMenu>());
    }

    private static string[] Links(IRenderedComponent<PageHost> nav) =>
        nav.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public void ServiceOwner_SeesNewRequest_ButNotApprovalsOnCallOrAdmin()
    {
        var links = Links(RenderNav("owner", Role.ServiceOwner | Role.Viewer));

        Assert.Contains("nav-new-request", links);
        Assert.Contains("nav-requests", links);
        Assert.DoesNotContain("nav-approvals", links);
        Assert.DoesNotContain("nav-oncall", links);
        Assert.DoesNotContain("nav-admin", links);
    }

    [Fact]
    public void Planner_SeesApprovalsAndNewBudget_ButNotNewRequest()
    {
        var links = Links(RenderNav("planner", Role.Planner | Role.Viewer));

        Assert.Contains("nav-approvals", links);
        Assert.Contains("nav-new-budget", links);
        Assert.DoesNotContain("nav-new-request", links);
        Assert.DoesNotContain("nav-oncall", links);
    }

    [Fact]
    public void Viewer_SeesOnlyTheReadOnlyPages()
    {
        var links = Links(RenderNav("viewer", Role.Viewer));

        Assert.Equal(["nav-dashboard", "nav-capacity", "nav-requests", "nav-budgets"], links);
    }

    [Fact]
    public void OnCall_SeesTheOnCallPage()
    {
        var links = Links(RenderNav("oncall", Role.OnCall | Role.Viewer));

        Assert.Contains("nav-oncall", links);
        Assert.DoesNotContain("nav-approvals", links);
    }
}
