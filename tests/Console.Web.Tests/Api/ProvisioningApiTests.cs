using System.Net;
using CapacityConsole.Scheduler.Provisioning;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

public sealed class ProvisioningApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Order_AndResources_AfterPrewarm_ShowBatchesTimelineAndTaggedUnits()
    {
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var viewer = await factory.SignInAsync("viewer");
        var request = await ApiCalls.FileAsync(owner, submit: true, body: ApiCalls.NewRequest(cores: 384));
        await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/approvals/{request.Id()}/approve", null));

        var notYet = await ApiCalls.ProblemAsync(await viewer.GetAsync($"/api/v1/requests/{request.Id()}/order"), HttpStatusCode.NotFound);
        Assert.Contains("no provisioning order yet", notYet.Words());
        Assert.Equal(0, (await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{request.Id()}/resources"))).GetArrayLength());

        // What the Hangfire pre-warm job would do at T1 − lead (the quiet test host runs no jobs).
        await factory.Services.GetRequiredService<ProvisioningService>().PrewarmAsync(request.Id());

        var order = await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{request.Id()}/order"));
        Assert.Equal(request.Id(), order.GetProperty("order").GetProperty("requestId").GetGuid());
        var batches = order.GetProperty("batches").EnumerateArray().ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.False(string.IsNullOrEmpty(b.GetProperty("idempotencyKey").GetString())));
        var progress = order.GetProperty("progress");
        Assert.Equal(batches.Sum(b => b.GetProperty("units").GetInt32()), progress.GetProperty("units").GetInt32());
        Assert.Equal(progress.GetProperty("units").GetInt32(), progress.GetProperty("fulfilledUnits").GetInt32());
        Assert.Equal(batches.Count, progress.GetProperty("batches").GetInt32());
        Assert.Equal(0, progress.GetProperty("openBatches").GetInt32());
        Assert.NotEmpty(order.GetProperty("timeline").EnumerateArray());

        var resources = (await ApiCalls.OkJsonAsync(await viewer.GetAsync($"/api/v1/requests/{request.Id()}/resources"))).EnumerateArray().ToList();
        Assert.Equal(progress.GetProperty("fulfilledUnits").GetInt32(), resources.Count);
        Assert.All(resources, r => Assert.Equal(request.Id(), r.GetProperty("requestId").GetGuid()));
        Assert.True(resources.Sum(r => r.GetProperty("cores").GetInt32()) >= 384);
    }

    [Fact]
    public async Task Order_AndResources_OfAnUnknownRequest_AreNotFound()
    {
        var viewer = await factory.SignInAsync("viewer");
        var id = Guid.NewGuid();
        Assert.Contains(id.ToString(), (await ApiCalls.ProblemAsync(await viewer.GetAsync($"/api/v1/requests/{id}/order"), HttpStatusCode.NotFound)).Words());
        Assert.Contains(id.ToString(), (await ApiCalls.ProblemAsync(await viewer.GetAsync($"/api/v1/requests/{id}/resources"), HttpStatusCode.NotFound)).Words());
    }
}
