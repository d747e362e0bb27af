using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>One screenshot per step, numbered, into the test results folder (TestResults/screenshots).</summary>
public sealed class Screenshots
{
    private int _step;

    public string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("CAPACITY_E2E_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots"));

    public Screenshots() => Directory.CreateDirectory(Folder);

    public async Task<string> TakeAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(Folder, $"{++_step:D2}-{name}.png");
        // Let the drawer and chips finish their CSS transitions so the picture shows the settled page.
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>The same page at a phone's width (400 px), then back to the desktop size.</summary>
    public async Task<string> TakeNarrowAsync(IPage page, string name)
    {
        var desktop = page.ViewportSize;
        await page.SetViewportSizeAsync(400, 860);
        try { return await TakeAsync(page, name + "-narrow"); }
        finally { if (desktop is not null) await page.SetViewportSizeAsync(desktop.Width, desktop.Height); }
    }
}
