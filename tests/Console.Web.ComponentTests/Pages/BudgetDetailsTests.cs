using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>Issue 10, four-eyes on budgets in the UI: the demo's New-year gala budget was created and submitted by planner2.</summary>
public sealed class BudgetDetailsFourEyesTests : ConsoleTestContext
{
    private static readonly Guid Gala = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000003");

    [Fact]
    public void WhoeverPreparedTheBudget_IsNotOfferedApproveOrReject()
    {
        SignIn("planner2", Role.Planner | Role.Viewer);
        var page = Render<PageHost>(p => p.AddChildContent<BudgetDetails>(c => c.Add(x => x.Id, Gala)));

        page.WaitForAssertion(() => Assert.Contains("another planner must approve or reject it", page.Find("[data-testid=four-eyes-note]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=budget-approve]"));
        Assert.Empty(page.FindAll("[data-testid=budget-reject]"));
    }

    [Fact]
    public void AnotherPlanner_IsOfferedBoth()
    {
        SignIn("planner", Role.Planner | Role.Viewer);
        var page = Render<PageHost>(p => p.AddChildContent<BudgetDetails>(c => c.Add(x => x.Id, Gala)));

        page.WaitForElement("[data-testid=budget-approve]");
        Assert.Single(page.FindAll("[data-testid=budget-reject]"));
        Assert.Empty(page.FindAll("[data-testid=four-eyes-note]"));
    }
}
