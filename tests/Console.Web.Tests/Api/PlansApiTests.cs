using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class PlansApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Preview_AnswersPlanCostAndShortfall_AndStoresNothing()
    {
        var owner = await factory.SignInAsync("owner");
        var before = (await ApiCalls.OkJsonAsync(await owner.GetAsync("/api/v1/requests"))).GetArrayLength();

        var plan = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));

        Assert.Equal(0, plan.GetProperty("shortfallCores").GetInt32());
        Assert.True(plan.GetProperty("isComplete").GetBoolean());
        Assert.True(plan.GetProperty("estimatedTotal").GetDecimal() > 0);
        var allocations = plan.GetProperty("allocations").EnumerateArray().ToList();
        Assert.NotEmpty(allocations);
        Assert.True(allocations.Sum(a => a.GetProperty("cores").GetInt32()) >= 960);
        Assert.All(allocations, a => Assert.StartsWith("bj-", a.GetProperty("internalZoneId").GetString()));
        Assert.Equal(before, (await ApiCalls.OkJsonAsync(await owner.GetAsync("/api/v1/requests"))).GetArrayLength());
    }

    [Fact]
    public async Task Preview_EstimatesTheLeadTime_AndItsBasis()
    {
        var owner = await factory.SignInAsync("owner");

        var plan = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));

        var leadTime = plan.GetProperty("leadTime");
        Assert.True(TimeSpan.Parse(leadTime.GetProperty("duration").GetString()!) > TimeSpan.Zero);
        Assert.True(leadTime.GetProperty("batches").GetInt32() >= 1);
        Assert.NotEmpty(leadTime.GetProperty("basis").EnumerateArray());
        Assert.Equal(leadTime.GetProperty("duration").GetString() is { } d && TimeSpan.Parse(d) > TimeSpan.Parse(leadTime.GetProperty("prewarmLead").GetString()!),
            leadTime.GetProperty("exceedsLead").GetBoolean());
    }

    [Fact]
    public async Task Preview_BeyondWhatExists_ReportsTheShortfall()
    {
        var owner = await factory.SignInAsync("owner");
        var plan = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 1_500_000)));
        Assert.True(plan.GetProperty("shortfallCores").GetInt32() > 0);
        Assert.False(string.IsNullOrWhiteSpace(plan.GetProperty("shortfallReason").GetString()));
    }

    [Fact]
    public async Task Preview_AndTheStoredPlan_ExplainEveryChoice()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");

        var preview = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));
        var kinds = preview.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Contains("CloudFirst", kinds);
        Assert.Contains("Spread", kinds);
        Assert.All(preview.GetProperty("reasons").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString())));
        Assert.Equal(preview.GetProperty("plannedCores").GetInt32(),
            preview.GetProperty("confirmedCores").GetInt32() + preview.GetProperty("expectedCores").GetInt32());

        var submitted = await ApiCalls.FileAsync(owner, submit: true);
        await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/approvals/{submitted.Id()}/approve", null));
        var stored = await ApiCalls.OkJsonAsync(await owner.GetAsync($"/api/v1/requests/{submitted.Id()}/plan"));
        var spread = stored.GetProperty("plan").GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "Spread");
        Assert.Contains("planned", spread.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Preview_KeepsToTheRequestsMinimumUnitSize_AndTheRequestStoresIt()
    {
        var owner = await factory.SignInAsync("owner");
        var body = ApiCalls.NewRequest(cores: 960).With("minCoresPerUnit", 32);

        var plan = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", body));
        var allocations = plan.GetProperty("allocations").EnumerateArray().ToList();
        Assert.NotEmpty(allocations);
        // Allocation cores are usable cores: a 32-vCPU ECS node keeps 31 after its half-core overhead.
        Assert.All(allocations, a => Assert.True(a.GetProperty("cores").GetInt32() >= 31 * a.GetProperty("units").GetInt32(), a.ToString()));

        var filed = await ApiCalls.FileAsync(owner, body: body);
        var stored = await ApiCalls.OkJsonAsync(await owner.GetAsync($"/api/v1/requests/{filed.Id()}"));
        Assert.Equal(32, stored.GetProperty("minCoresPerUnit").GetInt32());
    }

    [Fact]
    public async Task Preview_IsForServiceOwners()
    {
        var viewer = await factory.SignInAsync("viewer");
        await ApiCalls.ProblemAsync(await viewer.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RequestPlan_IsALivePreviewBeforeApproval_AndTheStoredPlanAfter()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var viewer = await factory.SignInAsync("viewer");
        var submitted = await ApiCalls.FileAsync(owner, submit: true);

        var preview = await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{submitted.Id()}/plan"));
        Assert.False(preview.GetProperty("stored").GetBoolean());

        var approved = await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/approvals/{submitted.Id()}/approve", null));
        var stored = await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{submitted.Id()}/plan"));
        Assert.True(stored.GetProperty("stored").GetBoolean());
        Assert.Equal(approved.GetProperty("committedAmount").GetDecimal(), stored.GetProperty("plan").GetProperty("estimatedTotal").GetDecimal());
        Assert.Equal(submitted.Id(), stored.GetProperty("plan").GetProperty("requestId").GetGuid());
    }

    [Fact]
    public async Task RequestPlan_OfACancelledRequestNeverPlanned_IsNotFound()
    {
        var owner = await factory.SignInAsync("owner");
        var draft = await ApiCalls.FileAsync(owner);
        await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{draft.Id()}/cancel", null));

        var problem = await ApiCalls.ProblemAsync(await owner.GetAsync($"/api/v1/requests/{draft.Id()}/plan"), HttpStatusCode.NotFound);
        Assert.Contains("Cancelled", problem.Words());
    }
}
