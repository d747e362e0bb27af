using System.Net;
using System.Net.Http.Json;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>Admins manage users and services over the API with the same rules as the Admin page.</summary>
public sealed class AdministrationApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Users_CreateChangeRolesDisableAndReset_NeverReturnAPasswordOrHash()
    {
        var admin = await factory.SignInAsync("admin");

        var created = await ApiCalls.OkJsonAsync(await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = "Robot.Ops", displayName = "Robot Ops", roles = new[] { "OnCall" }, password = "robot-password-1" }), HttpStatusCode.Created);
        Assert.Equal("robot.ops", created.GetProperty("userName").GetString());
        Assert.DoesNotContain("password", created.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var changed = await ApiCalls.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/users/robot.ops/roles", new { roles = new[] { "Planner" } }));
        Assert.Equal(["Viewer", "Planner"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var disabled = await ApiCalls.OkJsonAsync(await admin.PostAsync("/api/v1/users/robot.ops/disable", null));
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        var reset = await ApiCalls.OkJsonAsync(await admin.PostAsJsonAsync("/api/v1/users/robot.ops/password", new { password = "another-password-2" }));
        Assert.DoesNotContain("another-password-2", reset.GetRawText());
    }

    [Fact]
    public async Task Services_CreateAndUpdate_NormaliseAndKeepThePathId()
    {
        var admin = await factory.SignInAsync("admin");
        var body = new { id = "api-cache", name = "API cache", ownerTeam = "trade", costCenter = "cc-trade", tier = "HotCache", cloudAllowed = false, allowedInternalZoneIds = new[] { "bj-1" } };

        var created = await ApiCalls.OkJsonAsync(await admin.PostAsJsonAsync("/api/v1/services", body), HttpStatusCode.Created);
        Assert.Equal("CC-TRADE", created.GetProperty("costCenter").GetString());

        var updated = await ApiCalls.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/services/api-cache", body with { tier = "Stateless", cloudAllowed = true }));
        Assert.Equal(("api-cache", "Stateless", true), (updated.GetProperty("id").GetString(), updated.GetProperty("tier").GetString(), updated.GetProperty("cloudAllowed").GetBoolean()));
    }
}
