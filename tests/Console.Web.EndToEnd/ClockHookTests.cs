using System.Net;
using System.Text.Json;
using CapacityConsole.Web.EndToEnd.Infrastructure;

namespace CapacityConsole.Web.EndToEnd;

/// <summary>The test-only clock hook: on only when asked for, only in Development, and it checks its input.</summary>
public sealed class ClockHookTests
{
    [Fact]
    public async Task ClockHook_IsRefusedAtStartOutsideDevelopment()
    {
        var (exitCode, output) = await ConsoleServer.RunExpectingFailureAsync(clockHook: true, environment: "Production");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Testing:ClockHook is for browser tests and is refused in the Production environment", output);
    }

    [Fact]
    public async Task Advance_MovesTheClock_AndRefusesMinutesOutOfRange()
    {
        await using var server = await ConsoleServer.StartAsync(clockHook: true);

        var zero = await server.PostClockAsync("0");
        var tooMany = await server.PostClockAsync("10081");
        var advanced = await server.PostClockAsync("90");

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("minutes must be a whole number from 1 to 10080", await zero.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        using var body = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync());
        Assert.Equal("01:30:00", body.RootElement.GetProperty("offset").GetString());
    }

    [Fact]
    public async Task Advance_DoesNotExist_WithoutTheHook()
    {
        await using var server = await ConsoleServer.StartAsync(clockHook: false);

        var response = await server.PostClockAsync("5");

        // Unmapped: the page router claims every path for GET only, so a POST there is 405, never the hook.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
