using System.Net;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>Offerings and services: read-only catalogues every signed-in user may see.</summary>
public sealed class CatalogApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Offerings_FilterByMemberZoneAndProvider()
    {
        var viewer = await factory.SignInAsync("viewer");

        var hall = (await ApiCalls.OkJsonAsync(await viewer.GetAsync("/api/v1/offerings?memberZone=bj-idc-yizhuang"))).EnumerateArray().ToList();
        Assert.Equal(["idc.h64.compute", "idc.h96.general"], hall.Select(o => o.GetProperty("instanceType").GetString()).Order());
        Assert.All(hall, o => Assert.Equal("bj-idc-yizhuang", o.GetProperty("memberZoneId").GetString()));

        var idc = (await ApiCalls.OkJsonAsync(await viewer.GetAsync("/api/v1/offerings?provider=Idc"))).EnumerateArray().ToList();
        Assert.Equal(16, idc.Count); // 8 halls × 2 host classes
        Assert.All(idc, o => Assert.Equal("Idc", o.GetProperty("provider").GetString()));

        var none = await ApiCalls.OkJsonAsync(await viewer.GetAsync("/api/v1/offerings?memberZone=bj-idc-yizhuang&provider=AlibabaCloud"));
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task Offerings_OfAnUnknownMemberZone_IsAValidationProblem()
    {
        var viewer = await factory.SignInAsync("viewer");
        var problem = await ApiCalls.ProblemAsync(await viewer.GetAsync("/api/v1/offerings?memberZone=mars-1"), HttpStatusCode.BadRequest);
        Assert.Contains("mars-1", problem.GetProperty("errors").GetProperty("memberZone")[0].GetString());
    }

    [Fact]
    public async Task Services_ListAndGet()
    {
        var viewer = await factory.SignInAsync("viewer");
        var all = (await ApiCalls.OkJsonAsync(await viewer.GetAsync("/api/v1/services"))).EnumerateArray().ToList();
        Assert.Equal(5, all.Count);

        var cache = await ApiCalls.OkJsonAsync(await viewer.GetAsync("/api/v1/services/inventory-hot-cache"));
        Assert.Equal("HotCache", cache.GetProperty("tier").GetString());
        Assert.Equal(["bj-1", "bj-2", "bj-3"], cache.GetProperty("allowedInternalZoneIds").EnumerateArray().Select(z => z.GetString()));

        await ApiCalls.ProblemAsync(await viewer.GetAsync("/api/v1/services/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Catalogues_NeedASignIn()
    {
        var anonymous = factory.Anonymous();
        foreach (var path in new[] { "/api/v1/offerings", "/api/v1/services", "/api/v1/zones" })
            await ApiCalls.ProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
    }
}
