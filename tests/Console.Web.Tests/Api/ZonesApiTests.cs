using System.Text.Json;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

public sealed class ZonesApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Zones_AreReadFromTheDatabase()
    {
        var client = await SignedInClient.CreateAsync(factory, "viewer");
        var before = JsonDocument.Parse(await client.GetStringAsync("/api/v1/zones")).RootElement.GetProperty("regions");
        Assert.Equal(2, before.GetArrayLength());
        Assert.All(before.EnumerateArray(), r => Assert.Equal(4, r.GetProperty("zones").GetArrayLength()));

        var db = factory.Services.GetRequiredService<Database>();
        await using (var c = await db.OpenAsync())
            await c.ExecuteAsync("UPDATE internal_zones SET health = 'Down', health_reason = 'power loss' WHERE id = 'bj-2'");

        var after = JsonDocument.Parse(await client.GetStringAsync("/api/v1/zones")).RootElement.GetProperty("regions");
        var bj2 = after.EnumerateArray().SelectMany(r => r.GetProperty("zones").EnumerateArray())
            .Single(z => z.GetProperty("zone").GetProperty("id").GetString() == "bj-2");
        Assert.Equal("Down", bj2.GetProperty("zone").GetProperty("health").GetString());
    }
}
