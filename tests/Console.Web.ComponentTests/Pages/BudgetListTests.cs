using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>The budgets page shows one page of budgets read from the database, with the whole table's total (issue 15).</summary>
public sealed class BudgetListTests : ConsoleTestContext
{
    public BudgetListTests() => SignIn("viewer", Role.Viewer);

    [Fact]
    public async Task ShowsOnePageOfTheTotal_ReadFromTheDatabase()
    {
        var start = Get<TimeProvider>().GetUtcNow().AddYears(5); // after every demo budget
        for (var i = 0; i < BudgetList.PageSize + 5; i++)
            await Get<BudgetService>().CreateAsync(new NewBudget($"Paged budget {i}", "CC-PAGE", null, 1000m, start.AddDays(i), start.AddDays(i + 7)), "planner");
        var total = (await Get<BudgetRepository>().PageAsync(new BudgetFilter(), PageRequest.First(1))).Total;

        var page = Render<PageHost>(p => p.AddChildContent<BudgetList>());

        page.WaitForAssertion(() => Assert.Equal(BudgetList.PageSize, page.FindAll("[data-testid=budget-link]").Count));
        Assert.Contains($"1–{BudgetList.PageSize} of {total} budgets", page.Find("[data-testid=budgets-pager-summary]").TextContent);
        Assert.True(total > BudgetList.PageSize);
        // Newest period first: the last created budget leads the first page.
        Assert.Equal($"Paged budget {BudgetList.PageSize + 4}", page.FindAll("[data-testid=budget-link]")[0].TextContent);
    }
}
