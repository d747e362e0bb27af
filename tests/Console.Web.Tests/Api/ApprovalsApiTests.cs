using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class ApprovalsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Queue_HoldsSubmittedRequests_AndIsForPlanners()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var submitted = await ApiCalls.FileAsync(owner, submit: true);
        var draft = await ApiCalls.FileAsync(owner);

        var queue = (await ApiCalls.OkJsonAsync(await planner.GetAsync("/api/v1/approvals"))).EnumerateArray().Select(r => r.Id()).ToList();
        Assert.Contains(submitted.Id(), queue);
        Assert.DoesNotContain(draft.Id(), queue);

        var refused = await ApiCalls.ProblemAsync(await owner.GetAsync("/api/v1/approvals"), HttpStatusCode.Forbidden);
        Assert.Contains("Planner", refused.Words());
    }

    [Fact]
    public async Task Approve_PlansCommitsAndSchedules()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var budgetBefore = await ApiCalls.OkJsonAsync(await planner.GetAsync($"/api/v1/budgets/{ApiCalls.FlashSaleBudget}"));
        var submitted = await ApiCalls.FileAsync(owner, submit: true);

        var approved = await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync($"/api/v1/approvals/{submitted.Id()}/approve", new { comment = "go" }));

        Assert.Equal("Scheduled", approved.State());
        Assert.Equal("planner", approved.GetProperty("decidedBy").GetString());
        var committed = approved.GetProperty("committedAmount").GetDecimal();
        Assert.True(committed > 0);
        var budgetAfter = await ApiCalls.OkJsonAsync(await planner.GetAsync($"/api/v1/budgets/{ApiCalls.FlashSaleBudget}"));
        Assert.Equal(budgetBefore.GetProperty("committed").GetDecimal() + committed, budgetAfter.GetProperty("committed").GetDecimal());
    }

    [Fact]
    public async Task Approve_WithoutABody_IsAllowed()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner2");
        var submitted = await ApiCalls.FileAsync(owner, submit: true);
        var approved = await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/approvals/{submitted.Id()}/approve", null));
        Assert.Equal("Scheduled", approved.State());
    }

    [Fact]
    public async Task Reject_KeepsTheComment()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var submitted = await ApiCalls.FileAsync(owner, submit: true);

        var rejected = await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync($"/api/v1/approvals/{submitted.Id()}/reject",
            new { comment = "Use the quarter budget." }));

        Assert.Equal("Rejected", rejected.State());
        Assert.Equal("Use the quarter budget.", rejected.GetProperty("decisionComment").GetString());
    }

    [Fact]
    public async Task Approve_OfOnesOwnRequest_IsForbidden_AndChangesNothing()
    {
        // A service account that both files and approves still cannot approve what it filed.
        var admin = await factory.SignInAsync("admin");
        await ApiKeyCalls.CreateUserAsync(admin, "trade-bot", ["ServiceOwner", "Planner"], team: "trade");
        var (_, key) = await ApiKeyCalls.CreateKeyAsync(admin, "trade-bot-key", ["ServiceOwner", "Planner"], "trade-bot");
        var bot = factory.WithBearer(key);
        var submitted = await ApiCalls.FileAsync(bot, submit: true);

        var refused = await ApiCalls.ProblemAsync(await bot.PostAsJsonAsync($"/api/v1/approvals/{submitted.Id()}/approve", new { comment = "mine" }),
            HttpStatusCode.Forbidden);

        Assert.Contains("cannot approve", refused.Words());
        Assert.Contains("Four-eyes rule", refused.Words());
        Assert.Equal("Submitted", (await ApiCalls.OkJsonAsync(await bot.GetAsync($"/api/v1/requests/{submitted.Id()}"))).State());
    }
}
