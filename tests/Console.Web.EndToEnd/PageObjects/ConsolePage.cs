using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.PageObjects;

/// <summary>What every console page shares: navigation that waits for the Blazor circuit, MudBlazor inputs, snackbars.</summary>
public abstract class ConsolePage(IPage page)
{
    public IPage Page { get; } = page;

    protected ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>Opens a path and waits until the page is interactive (network idle after the circuit connects).</summary>
    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Fills a MudBlazor text input and leaves it, so its value reaches the server.</summary>
    protected async Task FillAsync(string testId, string value)
    {
        var input = ById(testId);
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Opens a MudSelect and picks the item whose text contains <paramref name="text"/>.</summary>
    protected async Task SelectAsync(string testId, string text)
    {
        await ById(testId).ClickAsync();
        var item = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First;
        await item.ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public ILocator Snackbar(string text) => Page.Locator(".mud-snackbar").Filter(new() { HasText = text });
}
