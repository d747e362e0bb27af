using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.PageObjects;

public sealed class CreateBudgetPage(IPage page) : ConsolePage(page)
{
    public Task OpenAsync() => OpenAsync("/budgets/new");

    public async Task FillAsync(string name, string costCenter, string eventName, decimal amount)
    {
        await FillAsync("budget-name", name);
        await FillAsync("budget-cost-center", costCenter);
        await FillAsync("budget-event", eventName);
        await FillAsync("budget-amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<BudgetPage> CreateAsync()
    {
        await ClickAndExpectUrlAsync("budget-create", new System.Text.RegularExpressions.Regex("/budgets/[0-9a-f-]{36}$"), "Creating the budget");
        var budget = new BudgetPage(Page);
        await Assertions.Expect(budget.Title).ToBeVisibleAsync();
        return budget;
    }
}

public sealed class BudgetPage(IPage page) : ConsolePage(page)
{
    public ILocator Title => ById("budget-title");
    public ILocator State => ById("budget-state");

    /// <summary>Shown instead of Approve/Reject to whoever created or submitted the budget.</summary>
    public ILocator FourEyesNote => ById("four-eyes-note");

    public ILocator ApproveButton => ById("budget-approve");

    public async Task<BudgetPage> OpenAsync(Guid id)
    {
        await OpenAsync($"/budgets/{id}");
        await Assertions.Expect(Title).ToBeVisibleAsync();
        return this;
    }

    public Guid Id => Guid.Parse(Page.Url[(Page.Url.LastIndexOf('/') + 1)..]);

    public async Task ApproveAsync(string comment)
    {
        await FillAsync("decision-comment", comment);
        await ById("budget-approve").ClickAsync();
        await Assertions.Expect(State).ToHaveTextAsync("Approved");
    }
}
