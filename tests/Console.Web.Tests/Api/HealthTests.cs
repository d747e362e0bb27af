using System.Text.Json;
using CapacityConsole.Web.Tests.Infrastructure;

namespace CapacityConsole.Web.Tests.Api;

public sealed class HealthTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Healthz_ReportsTheDatabaseAndHangfire()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("Sqlite", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("hangfire").GetProperty("status").GetString());
    }
}

public sealed class ProbeTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Live_AsksNoDependency_AndReady_ReportsDatabaseHangfireLiveUpdatesAndProviders()
    {
        var client = factory.CreateClient();

        var live = await client.GetAsync("/healthz/live");
        var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        using (var json = JsonDocument.Parse(await live.Content.ReadAsStringAsync()))
            Assert.Empty(json.RootElement.GetProperty("checks").EnumerateObject());
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var names = body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "database", "hangfire", "live-updates", "providers" }, names);
        Assert.Contains("in-process", body.RootElement.GetProperty("checks").GetProperty("live-updates").GetProperty("description").GetString());
    }
}
