using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class AuditApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Audit_ListsEveryStepOfARequest_InOrder_WithWhoAndBeforeAfter()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var viewer = await factory.SignInAsync("viewer");
        var draft = await ApiCalls.FileAsync(owner);
        await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{draft.Id()}/submit", null));
        await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync($"/api/v1/approvals/{draft.Id()}/reject", new { comment = "later" }));

        var events = (await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/audit?entity=CoreQuotaRequest&id={draft.Id()}")))
            .EnumerateArray().ToList();

        Assert.Equal(["File", "Submit", "Reject"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["owner", "owner", "planner"], events.Select(e => e.GetProperty("actor").GetString()));
        Assert.Contains("Submitted", events[2].GetProperty("before").GetString());
        Assert.Contains("Rejected", events[2].GetProperty("after").GetString());
    }

    [Fact]
    public async Task Audit_OfABudget_ShowsItsWorkflow()
    {
        var planner = await factory.SignInAsync("planner");
        var created = await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync("/api/v1/budgets", new
        {
            name = "Audit me", costCenter = "CC-TRADE", eventName = (string?)null, amount = 100m,
            periodStart = "2027-01-01T00:00:00Z", periodEnd = "2027-02-01T00:00:00Z",
        }), HttpStatusCode.Created);
        await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/budgets/{created.Id()}/submit", null));

        var events = (await ApiCalls.OkJsonAsync(await planner.GetAsync($"/api/v1/audit?entity=Budget&id={created.Id()}"))).EnumerateArray();
        Assert.Equal(["Create", "Submit"], events.Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Audit_OfAnUnknownRequest_IsNotFound_AndWithoutEntity_IsAValidationProblem()
    {
        var viewer = await factory.SignInAsync("viewer");
        await ApiCalls.ProblemAsync(await viewer.GetAsync($"/api/v1/audit?entity=CoreQuotaRequest&id={Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var missing = await ApiCalls.ProblemAsync(await viewer.GetAsync($"/api/v1/audit?id={Guid.NewGuid()}"), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("entity", out _));
    }
}
