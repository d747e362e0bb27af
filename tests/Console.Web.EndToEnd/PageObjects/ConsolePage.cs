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

    /// <summary>
    /// Clicks a button that should take the page to <paramref name="url"/>; when it does not, fails with
    /// what the page showed instead (a refusal, a question, a validation message) and the state of
    /// Blazor's reconnect UI, so a CI timeout says more than "waiting for navigation".
    /// </summary>
    protected async Task ClickAndExpectUrlAsync(string testId, System.Text.RegularExpressions.Regex url, string what)
    {
        await ById(testId).ClickAsync();
        try
        {
            await Page.WaitForURLAsync(url);
        }
        catch (TimeoutException e)
        {
            var shown = await Page.Locator(".mud-snackbar, .validation-message, .mud-input-helper-text.mud-input-error, .mud-alert").AllInnerTextsAsync();
            var circuit = await Page.Locator("#components-reconnect-modal").GetAttributeAsync("class");
            throw new TimeoutException($"{what} did not open {url} (still on {Page.Url}); the page showed: "
                + $"{string.Join(" | ", shown.Select(t => t.Trim()).Where(t => t.Length > 0))}; reconnect UI: '{circuit}'", e);
        }
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

    /// <summary>Types <paramref name="text"/> into a MudAutocomplete (a catalogue searched on the server) and picks the item that contains it.</summary>
    protected async Task PickAsync(string testId, string text)
    {
        await ById(testId).FillAsync(text);
        // Wait for the typed text's own answer: the list opened on focus (the whole catalogue's first
        // page) may show the item too, but picking from it lets the typed search answer afterwards
        // and open the list again.
        await Page.WaitForFunctionAsync("""
            text => { const items = [...document.querySelectorAll('.mud-popover-open .mud-list-item')];
                      return items.length > 0 && items.every(i => i.textContent.includes(text)); }
            """, text);
        var item = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First;
        await item.ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(ById(testId)).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(text)));
    }

    public ILocator Snackbar(string text) => Page.Locator(".mud-snackbar").Filter(new() { HasText = text });
}
