using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.PageObjects;

/// <summary>What every console page shares: navigation that waits for the Blazor circuit, MudBlazor inputs, snackbars.</summary>
public abstract class ConsolePage(IPage page)
{
    public IPage Page { get; } = page;

    protected ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>
    /// Opens a path and waits until the page runs over its Blazor circuit (the layout's marker): network
    /// idle alone came too early on a loaded machine, and a click on the prerendered page did nothing.
    /// </summary>
    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync(Page);
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });

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
