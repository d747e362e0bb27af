using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.ComponentTests.Pages;

public sealed class CreateBudgetTests : ConsoleTestContext
{
    public CreateBudgetTests() => SignIn("planner", Role.Planner | Role.Viewer);

    private IRenderedComponent<PageHost> RenderPage() => Render<PageHost>(p => p.AddChildContent<CreateBudget>());

    private static string[] Errors(IRenderedComponent<PageHost> page) =>
        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToArray();

    private async Task<long> BudgetCountAsync() => (await Get<BudgetRepository>().PageAsync(new BudgetFilter(), PageRequest.First(1))).Total;

    [Fact]
    public async Task Create_ShowsFieldMessages_AndStoresNothing_WhenTheFormIsIncomplete()
    {
        var before = await BudgetCountAsync();
        var page = RenderPage();
        page.Find("[data-testid=budget-cost-center]").Input("bad center!");
        page.Find("[data-testid=budget-amount]").Input("0.001");

        page.Find("form").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = Errors(page);
            Assert.Contains("Give the budget a name.", errors);
            Assert.Contains("A cost center is 2–40 letters, digits, '-' or '_', e.g. CC-TRADE.", errors);
            Assert.Contains("The amount must be between ¥0.01 and ¥100,000,000,000.", errors);
        });
        Assert.Equal(before, await BudgetCountAsync());
    }

    [Fact]
    public async Task Create_RefusesAPeriodThatEndsBeforeItStarts()
    {
        var before = await BudgetCountAsync();
        var page = RenderPage();
        page.Find("[data-testid=budget-name]").Input("Gala");
        page.Find("[data-testid=budget-cost-center]").Input("CC-LIVE");
        page.Find("[data-testid=budget-amount]").Input("1000");
        page.Find("[data-testid=budget-start]").Change("2031-03-10");
        page.Find("[data-testid=budget-end]").Change("2031-03-01");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("The period must end after it starts.", Errors(page)));
        Assert.Equal(before, await BudgetCountAsync());
    }

    [Fact]
    public async Task Create_StoresTheBudgetSubmittedForApproval_AndOpensItsPage()
    {
        var page = RenderPage();
        page.Find("[data-testid=budget-name]").Input("Gala");
        page.Find("[data-testid=budget-cost-center]").Input("cc-live");
        page.Find("[data-testid=budget-amount]").Input("1000.50");
        page.Find("[data-testid=budget-start]").Change("2031-03-01");
        page.Find("[data-testid=budget-end]").Change("2031-03-10");

        page.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/budgets/[0-9a-f-]{36}$", navigation.Uri));
        var created = (await Get<BudgetRepository>().PageAsync(new BudgetFilter(Search: "Gala"), PageRequest.First())).Items.Single(b => b.Name == "Gala");
        Assert.Equal(("CC-LIVE", 1000.50m, BudgetState.PendingApproval), (created.CostCenter, created.Amount, created.State));
        Assert.EndsWith(created.Id.ToString(), navigation.Uri);
    }
}
