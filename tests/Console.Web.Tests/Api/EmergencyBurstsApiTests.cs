using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class EmergencyBurstsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Start_ByOnCall_CreatesAScheduledRequest_DecidedByTheEmergencyPath()
    {
        var oncall = await factory.SignInAsync("oncall");

        var response = await oncall.PostAsJsonAsync("/api/v1/emergency-bursts", ApiCalls.NewBurst());

        var request = await ApiCalls.OkJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/requests/{request.Id()}", response.Headers.Location?.ToString());
        Assert.Equal("Scheduled", request.GetProperty("state").GetString());
        Assert.Equal("oncall", request.GetProperty("requestedBy").GetString());
        Assert.Equal("emergency-burst:oncall", request.GetProperty("decidedBy").GetString());
    }

    [Fact]
    public async Task Start_IsForOnCall()
    {
        var planner = await factory.SignInAsync("planner");
        await ApiCalls.ProblemAsync(await planner.PostAsJsonAsync("/api/v1/emergency-bursts", ApiCalls.NewBurst()), HttpStatusCode.Forbidden);
    }
}
