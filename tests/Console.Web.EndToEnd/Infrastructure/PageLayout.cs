using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>
/// What a reader of any page must never see, checked in the browser after layout: a table wider than
/// its container (a clipped or scrolled-away column), NaN, negative money or a raw exception.
/// </summary>
public static class PageLayout
{
    /// <summary>Every table (and MudBlazor table container) fits its container and the viewport.</summary>
    public static async Task AssertNoTableOverflowAsync(IPage page, string where)
    {
        var overflows = await page.EvaluateAsync<string[]>(
            """
            () => {
              const found = [];
              const viewport = document.documentElement.clientWidth;
              const describe = el => (el.getAttribute('data-testid') || el.className || el.tagName).toString().slice(0, 80);
              for (const el of document.querySelectorAll('table, .mud-table-container, .mud-table')) {
                if (el.offsetParent === null) continue; // hidden (another tab, a closed dialog)
                const rect = el.getBoundingClientRect();
                if (el.scrollWidth > el.clientWidth + 1)
                  found.push(`${describe(el)}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
                else if (rect.right > viewport + 1)
                  found.push(`${describe(el)}: right edge ${Math.round(rect.right)}px beyond the ${viewport}px viewport`);
              }
              return found;
            }
            """);
        Assert.True(overflows.Length == 0, $"{where}: tables overflow: {string.Join("; ", overflows)}");
    }

    /// <summary>No NaN, negative money or exception text anywhere in the page's visible text.</summary>
    public static async Task AssertNoRawValuesAsync(IPage page, string where)
    {
        var text = await page.Locator("body").InnerTextAsync();
        string[] forbidden = ["NaN", "¥-", "-¥", "Exception", "   at "];
        var shown = forbidden.Where(f => text.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.True(shown.Count == 0, $"{where}: the page shows {string.Join(", ", shown.Select(s => $"'{s}'"))}");
    }
}
