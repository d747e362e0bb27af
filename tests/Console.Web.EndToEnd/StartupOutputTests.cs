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

    [Fact]
    public async Task JsonConsoleLog_CarriesTheRequestIdAsAField()
    {
        await using var server = await ConsoleServer.StartAsync(new ConsoleLaunch(ClockHook: false,
            Settings: ["--Logging:Console:FormatterName=json", "--Demo:FlashSale=true"]));

        // The demo flash sale is filed after the first stock refresh; its log line names the request.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = server.Output.Split('\n').FirstOrDefault(l => l.Contains("\"Demo flash sale", StringComparison.Ordinal));
            if (line is null) await Task.Delay(250);
        }
        Assert.True(line is not null, server.Output);
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var state = json.RootElement.GetProperty("State");
        Assert.True(Guid.TryParse(state.GetProperty("Request").GetString(), out _), line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
    }
}
