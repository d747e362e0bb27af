using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class RequestsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task File_AsTheServicesTeam_CreatesADraft_ThatTheOwnerThenSubmits()
    {
        var owner = await factory.SignInAsync("owner");

        var draft = await ApiCalls.FileAsync(owner);
        Assert.Equal("Draft", draft.State());
        Assert.Equal("owner", draft.GetProperty("requestedBy").GetString());
        Assert.Equal(960, draft.GetProperty("cores").GetInt32());

        var submitted = await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{draft.Id()}/submit", null));
        Assert.Equal("Submitted", submitted.State());
        var stored = await ApiCalls.OkJsonAsync(await owner.GetAsync($"/api/v1/requests/{draft.Id()}"));
        Assert.Equal("Submitted", stored.State());
    }

    [Fact]
    public async Task File_WithSubmitFlag_SubmitsAtOnce()
    {
        var owner = await factory.SignInAsync("owner");
        var filed = await ApiCalls.FileAsync(owner, submit: true);
        Assert.Equal("Submitted", filed.State());
    }

    [Fact]
    public async Task File_IsForServiceOwners_AndOnlyForTheirTeamsServices()
    {
        var viewer = await factory.SignInAsync("viewer");
        var planner = await factory.SignInAsync("planner");
        var owner = await factory.SignInAsync("owner");

        await ApiCalls.ProblemAsync(await viewer.PostAsJsonAsync("/api/v1/requests", ApiCalls.NewRequest()), HttpStatusCode.Forbidden);
        await ApiCalls.ProblemAsync(await planner.PostAsJsonAsync("/api/v1/requests", ApiCalls.NewRequest()), HttpStatusCode.Forbidden);
        // live-room-gateway belongs to team live; the owner is on team trade.
        var otherTeam = await ApiCalls.ProblemAsync(
            await owner.PostAsJsonAsync("/api/v1/requests", ApiCalls.NewRequest(service: "live-room-gateway")), HttpStatusCode.Forbidden);
        Assert.Contains("live", otherTeam.Words());
    }

    [Fact]
    public async Task List_FiltersByStateAndService()
    {
        var owner = await factory.SignInAsync("owner");
        var draft = await ApiCalls.FileAsync(owner);
        var submitted = await ApiCalls.FileAsync(owner, submit: true);
        var cache = await ApiCalls.FileAsync(owner, body: ApiCalls.NewRequest(service: "product-detail-cache"));
        var viewer = await factory.SignInAsync("viewer");

        var drafts = await ListIdsAsync(viewer, "?state=Draft");
        Assert.Contains(draft.Id(), drafts);
        Assert.Contains(cache.Id(), drafts);
        Assert.DoesNotContain(submitted.Id(), drafts);

        var cacheDrafts = await ListIdsAsync(viewer, "?state=Draft&service=product-detail-cache");
        Assert.Contains(cache.Id(), cacheDrafts);
        Assert.DoesNotContain(draft.Id(), cacheDrafts);

        var all = await ListIdsAsync(viewer, "");
        Assert.Contains(submitted.Id(), all);
        Assert.Contains(draft.Id(), all);
    }

    [Fact]
    public async Task Cancel_ByTheOwner_CancelsADraft_ButAViewerIsRefused()
    {
        var owner = await factory.SignInAsync("owner");
        var viewer = await factory.SignInAsync("viewer");
        var draft = await ApiCalls.FileAsync(owner);

        var refused = await ApiCalls.ProblemAsync(await viewer.PostAsync($"/api/v1/requests/{draft.Id()}/cancel", null), HttpStatusCode.Forbidden);
        Assert.Contains("viewer", refused.Words());
        Assert.Equal("Draft", (await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{draft.Id()}"))).State());

        var cancelled = await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{draft.Id()}/cancel", null));
        Assert.Equal("Cancelled", cancelled.State());
    }

    [Fact]
    public async Task Submit_ByAnotherTeam_IsForbidden()
    {
        var owner = await factory.SignInAsync("owner");
        var admin = await factory.SignInAsync("admin");
        await ApiKeyCalls.CreateUserAsync(admin, "live-bot", ["ServiceOwner"], team: "live");
        var (_, liveKey) = await ApiKeyCalls.CreateKeyAsync(admin, "live-bot-key", ["ServiceOwner"], "live-bot");
        var draft = await ApiCalls.FileAsync(owner);

        var refused = await ApiCalls.ProblemAsync(await factory.WithBearer(liveKey).PostAsync($"/api/v1/requests/{draft.Id()}/submit", null),
            HttpStatusCode.Forbidden);
        Assert.Contains("trade", refused.Words());
        Assert.Equal("Draft", (await ApiCalls.OkJsonAsync(await owner.GetAsync($"/api/v1/requests/{draft.Id()}"))).State());
    }

    private static async Task<List<Guid>> ListIdsAsync(HttpClient client, string query) =>
        (await ApiCalls.OkJsonAsync(await client.GetAsync("/api/v1/requests" + query))).EnumerateArray().Select(r => r.Id()).ToList();
}
