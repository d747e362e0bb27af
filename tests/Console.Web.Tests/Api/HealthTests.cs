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
