using System.Net.Http.Json;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>
/// Stock you can stand on (issue 13) in the preview's answer. Its own console: the stock refresh and
/// the delivery it records change what every later preview of that console plans on.
/// </summary>
public sealed class StockConfidenceApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Preview_SaysWhichCoresAreConfirmed_AndWhichExpectedFromReportedStock()
    {
        var owner = await factory.SignInAsync("owner");
        // Stock and prices from the embedded ECS emulator, over HTTP through the real adapter: categories, not counts.
        Assert.Equal(0, (await factory.Services.GetRequiredService<OfferingRefresh>().RefreshAsync()).ZonesFailed);
        var before = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));
        var allocations = before.GetProperty("allocations").EnumerateArray().ToList();
        var cloud = allocations.First(a => a.GetProperty("provider").GetString() != "Idc");
        // The embedded emulator's ECS answers a category: nothing confirmed on cloud, all of it on the assumed count.
        Assert.Equal(("Assumed", 0), (cloud.GetProperty("stockBasis").GetString(), cloud.GetProperty("confirmedCores").GetInt32()));
        Assert.All(allocations.Where(a => a.GetProperty("provider").GetString() == "Idc"),
            a => Assert.Equal(("Counted", a.GetProperty("cores").GetInt32()), (a.GetProperty("stockBasis").GetString(), a.GetProperty("confirmedCores").GetInt32())));
        var idcCores = allocations.Where(a => a.GetProperty("provider").GetString() == "Idc").Sum(a => a.GetProperty("cores").GetInt32());
        Assert.Equal(idcCores, before.GetProperty("confirmedCores").GetInt32());
        Assert.Equal(before.GetProperty("expectedCores").GetInt32(), before.GetProperty("assumedCores").GetInt32());

        // A batch of that zone and type just delivered every unit the plan puts there: those cores are confirmed now.
        var (zone, type, units) = (cloud.GetProperty("memberZoneId").GetString()!, cloud.GetProperty("instanceType").GetString()!, cloud.GetProperty("units").GetInt32());
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        factory.Services.GetRequiredService<LearnedStock>().Record(zone, type, units, units, clock.GetUtcNow());
        var after = await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));

        var confirmed = after.GetProperty("allocations").EnumerateArray()
            .Where(a => a.GetProperty("memberZoneId").GetString() == zone && a.GetProperty("instanceType").GetString() == type)
            .Sum(a => a.GetProperty("confirmedCores").GetInt32());
        Assert.True(confirmed > 0);
        Assert.Equal(idcCores + confirmed, after.GetProperty("confirmedCores").GetInt32());
        Assert.Equal(after.GetProperty("plannedCores").GetInt32(), after.GetProperty("confirmedCores").GetInt32() + after.GetProperty("expectedCores").GetInt32());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0:N0} confirmed · {1:N0} expected from reported stock ({2:N0} on an assumed count, nothing learned yet)",
                after.GetProperty("confirmedCores").GetInt32(), after.GetProperty("expectedCores").GetInt32(), after.GetProperty("assumedCores").GetInt32()),
            after.GetProperty("stockSummary").GetString());
    }
}
