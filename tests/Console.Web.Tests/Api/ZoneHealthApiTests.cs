using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>Zone health for automation (issue 12): same rules and roles as the on-call page, Down answers at once.</summary>
public sealed class ZoneHealthApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Degraded_IsStored_WithNoFailover()
    {
        var oncall = await factory.SignInAsync("oncall");

        var result = await ApiCalls.OkJsonAsync(await oncall.PutAsJsonAsync("/api/v1/zones/sh-4/health", new { health = "Degraded", reason = "packet loss on the line" }));

        Assert.Equal("Degraded", result.GetProperty("health").GetString());
        Assert.False(result.GetProperty("failoverScheduled").GetBoolean());
        var viewer = await factory.SignInAsync("viewer");
        Assert.Contains("\"Degraded\"", await viewer.GetStringAsync("/api/v1/zones"));
    }

    [Fact]
    public async Task Down_OfAMemberZone_AnswersAccepted_WithTheFailoverScheduled()
    {
        var oncall = await factory.SignInAsync("oncall");

        var response = await oncall.PutAsJsonAsync("/api/v1/zones/sh-3/members/sh-idc-songjiang/health", new { health = "Down", reason = "power loss in Songjiang" });

        var result = await ApiCalls.OkJsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(("sh-3", "sh-idc-songjiang", "Down"), (result.GetProperty("internalZoneId").GetString(),
            result.GetProperty("memberZoneId").GetString(), result.GetProperty("health").GetString()));
        Assert.True(result.GetProperty("failoverScheduled").GetBoolean());
    }

    [Fact]
    public async Task ZoneHealth_IsForOnCall()
    {
        var planner = await factory.SignInAsync("planner");
        await ApiCalls.ProblemAsync(await planner.PutAsJsonAsync("/api/v1/zones/sh-2/health", new { health = "Down", reason = "not mine to say" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadInput_IsAProblem_AndChangesNothing()
    {
        var oncall = await factory.SignInAsync("oncall");

        var noReason = await ApiCalls.ProblemAsync(await oncall.PutAsJsonAsync("/api/v1/zones/sh-1/health", new { health = "Down", reason = " " }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("Reason", out _), noReason.Words());
        await ApiCalls.ProblemAsync(await oncall.PutAsJsonAsync("/api/v1/zones/xx-9/health", new { health = "Down", reason = "no such zone" }), HttpStatusCode.NotFound);
        await ApiCalls.ProblemAsync(await oncall.PutAsJsonAsync("/api/v1/zones/sh-1/members/bj-idc-shunyi/health", new { health = "Down", reason = "wrong parent" }), HttpStatusCode.NotFound);
        await ApiCalls.ProblemAsync(await oncall.PutAsJsonAsync("/api/v1/zones/sh-1/health", new { health = "Sideways", reason = "not a health" }), HttpStatusCode.BadRequest);

        var viewer = await factory.SignInAsync("viewer");
        Assert.DoesNotContain("no such zone", await viewer.GetStringAsync("/api/v1/zones"));
        var zones = System.Text.Json.JsonDocument.Parse(await viewer.GetStringAsync("/api/v1/zones")).RootElement.GetProperty("regions");
        var sh1 = zones.EnumerateArray().SelectMany(r => r.GetProperty("zones").EnumerateArray()).Single(z => z.GetProperty("zone").GetProperty("id").GetString() == "sh-1");
        Assert.Equal("Healthy", sh1.GetProperty("zone").GetProperty("health").GetString());
    }
}
