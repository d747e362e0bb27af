using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.Screens;

/// <summary>
/// Right after start-up, before the cloud's stock is read (the embedded emulator answers
/// DescribeAvailableResource slowly here), the dashboard says the stock is not read yet instead of
/// counting what it cannot see; when the first refresh lands, the open page turns it into figures
/// by itself (the refresh's live update), with no reload.
/// </summary>
public sealed class StockNotReadTests : IAsyncLifetime
{
    private static readonly TimeSpan StockAnswerDelay = TimeSpan.FromSeconds(15); // below the client's 20 s attempt timeout
    private ConsoleServer _server = default!;
    private Infrastructure.Browser _browser = default!;

    [Fact]
    public async Task TheDashboard_SaysStockIsNotReadYet_ThenShowsItLive()
    {
        var page = await _browser.NewPageAsync(_server.BaseUrl);
        await new SignInPage(page).SignInAsync("viewer", ConsoleServer.DemoPassword);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync();

        var notRead = page.GetByTestId("stock-not-read");
        await Assertions.Expect(notRead).ToContainTextAsync("not read yet");
        var shots = new Screenshots();
        await shots.TakeAsync(page, "dashboard-stock-not-read");

        // The same page, not reloaded: the refresh's live update brings the cloud's stock in.
        await Assertions.Expect(notRead).ToHaveCountAsync(0, new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("stat-total")).Not.ToHaveTextAsync("0");
        await shots.TakeAsync(page, "dashboard-stock-read");
    }

    public async Task InitializeAsync()
    {
        _server = await ConsoleServer.StartAsync(new ConsoleLaunch(Settings:
            [$"--EcsEmulator:Faults:ActionLatency:DescribeAvailableResource={StockAnswerDelay:c}"]));
        _browser = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
