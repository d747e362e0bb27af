using CapacityConsole.Web.EndToEnd.Infrastructure;

namespace CapacityConsole.Web.EndToEnd;

/// <summary>What a newcomer reads when the console starts.</summary>
public sealed class StartupOutputTests
{
    [Fact]
    public async Task EmbeddedEmulator_DoesNotClaimTheConsolesAddress()
    {
        // launchSettings.json hands `dotnet run` ASPNETCORE_URLS=http://127.0.0.1:5080; the embedded
        // emulator used to log Kestrel's "Overriding address(es) 'http://127.0.0.1:5080'" for it.
        await using var server = await ConsoleServer.StartAsync(new ConsoleLaunch(ClockHook: false,
            Environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }));

        Assert.Contains("Alibaba Cloud: the ECS emulator on http://127.0.0.1:", server.Output);
        Assert.DoesNotContain("Overriding address", server.Output);
    }
}
