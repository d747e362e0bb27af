using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.PageObjects;

public sealed class NewRequestPage(IPage page) : ConsolePage(page)
{
    public ILocator Preview => ById("preview");
    public ILocator PlanTable => Preview.GetByTestId("plan-table");

    public Task OpenAsync() => OpenAsync("/requests/new");

    public async Task FillAsync(string service, int cores, string region, string budget, string justification)
    {
        await PickAsync("request-service", service);
        await FillAsync("request-cores", cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SelectAsync("request-region", region);
        await SelectAsync("request-budget", budget);
        await FillAsync("request-justification", justification);
    }

    public async Task<RequestPage> SubmitAsync()
    {
        await ClickAndExpectUrlAsync("request-submit", new System.Text.RegularExpressions.Regex("/requests/[0-9a-f-]{36}$"), "Submitting");
        var request = new RequestPage(Page);
        await Assertions.Expect(request.Title).ToBeVisibleAsync();
        return request;
    }
}

public sealed class RequestPage(IPage page) : ConsolePage(page)
{
    public ILocator Title => ById("request-title");
    public ILocator State => ById("request-state");
    public ILocator ProgressText => ById("progress-text");
    public ILocator Timeline => ById("timeline");
    public ILocator Resources => ById("resources-table");

    public Guid Id => Guid.Parse(Page.Url[(Page.Url.LastIndexOf('/') + 1)..]);

    public Task OpenAsync(Guid id) => OpenAsync($"/requests/{id}");
}

public sealed class ApprovalsPage(IPage page) : ConsolePage(page)
{
    public Task OpenAsync() => OpenAsync("/approvals");

    public ILocator Card(Guid requestId) => Page.Locator($"[data-testid=approval][data-request='{requestId}']");

    public async Task ApproveAsync(Guid requestId, string comment)
    {
        var card = Card(requestId);
        var input = card.GetByTestId("approval-comment");
        await input.FillAsync(comment);
        await input.BlurAsync();
        await card.GetByTestId("approval-approve").ClickAsync();
        await Assertions.Expect(Snackbar("approved and scheduled")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }
}

public sealed class OnCallPage(IPage page) : ConsolePage(page)
{
    public ILocator Result => ById("failover-result");

    public Task OpenAsync() => OpenAsync("/oncall");

    public async Task MarkDownAsync(string internalZone, string reason)
    {
        await SelectAsync("health-zone", internalZone);
        await Page.GetByTestId("health-value").GetByText("Down").ClickAsync();
        await FillAsync("health-reason", reason);
        await ById("health-apply").ClickAsync();
        await Assertions.Expect(Result).ToBeVisibleAsync(new() { Timeout = 120_000 });
    }

    /// <summary>Fills the emergency burst form and previews its plan (nothing is started).</summary>
    public async Task PreviewBurstAsync(string service, int cores, string region, string budget, string reason)
    {
        await PickAsync("burst-service", service);
        await FillAsync("burst-cores", cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SelectAsync("burst-region", region);
        await SelectAsync("burst-budget", budget);
        await FillAsync("burst-reason", reason);
        await ById("burst-preview").ClickAsync();
        await Assertions.Expect(ById("burst-plan")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>The same Down press on a zone that is already Down: the page refuses it (no result to wait for).</summary>
    public async Task MarkDownAgainAsync(string internalZone, string reason)
    {
        await SelectAsync("health-zone", internalZone);
        await Page.GetByTestId("health-value").GetByText("Down").ClickAsync();
        await FillAsync("health-reason", reason);
        await ById("health-apply").ClickAsync();
    }
}
