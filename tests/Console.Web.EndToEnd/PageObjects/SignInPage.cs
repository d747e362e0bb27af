using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.PageObjects;

public sealed class SignInPage(IPage page) : ConsolePage(page)
{
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/signin");
        await Page.FillAsync("#username", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
        await Assertions.Expect(ById("signed-in-user")).ToBeVisibleAsync();
        await WaitForCircuitAsync(Page);
    }
}
