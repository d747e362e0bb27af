using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>RunInstances / DescribeInstances / DeleteInstances semantics (spec §3.6–3.9, §8.4–8.9).</summary>
public class EmulatorInstanceTests
{
    private static RunInstancesRequest Run(string zone = RoomyZone, int amount = 1, int? min = null, string? token = null,
        string type = C7Large, List<RunInstancesRequest.RunInstancesRequestTag>? tags = null) => new()
    {
        RegionId = Region, ZoneId = zone, InstanceType = type, ImageId = "img",
        Amount = amount, MinAmount = min, ClientToken = token, Tag = tags,
    };

    private static async Task<List<string>> Ids(EcsTestBed bed, RunInstancesRequest request) =>
        (await bed.Client.RunInstancesAsync(request)).Body!.InstanceIdSets!.InstanceIdSet!;

    [Fact]
    public async Task SameClientTokenAndParams_ReturnsSameInstances()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var first = await Ids(bed, Run(amount: 3, token: "k1"));
        var again = await Ids(bed, Run(amount: 3, token: "k1"));

        Assert.Equal(first, again);
        Assert.Equal(3, bed.Host.Instances.Count);
        Assert.Equal(RoomyStock - 3, bed.Host.RemainingStock(RoomyZone, C7Large));
    }

    [Fact]
    public async Task SameClientTokenOtherParams_IsMismatch()
    {
        await using var bed = await EcsTestBed.StartAsync();
        await Ids(bed, Run(amount: 3, token: "k1"));

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run(amount: 4, token: "k1")));

        Assert.Equal(("IdempotentParameterMismatch", 400), (error.Code, error.StatusCode));
        Assert.Equal(3, bed.Host.Instances.Count);
    }

    [Fact]
    public async Task MinAmount_AllowsPartialFulfilment()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var ids = await Ids(bed, Run(ScarceZone, amount: 6, min: 1));

        Assert.Equal(ScarceStock, ids.Count);
        Assert.Equal(0, bed.Host.RemainingStock(ScarceZone, C7Large));
    }

    [Theory]
    [InlineData(6, null)]
    [InlineData(6, 5)]
    public async Task NotEnoughStock_IsNoStock_AndCreatesNothing(int amount, int? min)
    {
        await using var bed = await EcsTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run(ScarceZone, amount, min)));

        Assert.Equal(("OperationDenied.NoStock", 403), (error.Code, error.StatusCode));
        Assert.Empty(bed.Host.Instances);
        Assert.Equal(ScarceStock, bed.Host.RemainingStock(ScarceZone, C7Large));
    }

    [Fact]
    public async Task DryRun_ValidatesWithoutCreating()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var ok = Run(amount: 2);
        ok.DryRun = true;
        var noStock = Run(ScarceZone, amount: 9);
        noStock.DryRun = true;

        var passed = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(ok));
        var failed = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(noStock));

        Assert.Equal("DryRunOperation", passed.Code);
        Assert.Equal("OperationDenied.NoStock", failed.Code);
        Assert.Empty(bed.Host.Instances);
    }

    [Fact]
    public async Task Instances_BootPendingStartingRunning_OnTheInjectedClock()
    {
        await using var bed = await EcsTestBed.StartAsync(); // BootDelay 60 s
        var id = (await Ids(bed, Run())).Single();
        async Task<string?> Status() => (await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            RegionId = Region, InstanceIds = $"[\"{id}\"]",
        })).Body!.Instances!.Instance!.Single().Status;

        var pending = await Status();
        bed.Time.Advance(TimeSpan.FromSeconds(30));
        var starting = await Status();
        bed.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(("Pending", "Starting", "Running"), (pending, starting, await Status()));
    }

    [Fact]
    public async Task AutoReleaseTime_ReleasesAndRestocks()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var request = Run(amount: 2);
        request.AutoReleaseTime = EcsTime.ToWire(bed.Time.GetUtcNow().AddMinutes(10));
        await Ids(bed, request);

        bed.Time.Advance(TimeSpan.FromMinutes(9));
        var before = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region });
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region });

        Assert.Equal(2, before.Body!.TotalCount);
        Assert.Equal(0, after.Body!.TotalCount);
        Assert.Equal(RoomyStock, bed.Host.RemainingStock(RoomyZone, C7Large));
    }

    [Fact]
    public async Task DescribeInstances_FiltersByAllTags()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var both = await Ids(bed, Run(tags: [new() { Key = "a", Value = "1" }, new() { Key = "b", Value = "2" }]));
        await Ids(bed, Run(tags: [new() { Key = "a", Value = "1" }]));
        await Ids(bed, Run(tags: [new() { Key = "a", Value = "other" }, new() { Key = "b", Value = "2" }]));

        var found = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            RegionId = Region, Tag = [new() { Key = "a", Value = "1" }, new() { Key = "b", Value = "2" }],
        });

        Assert.Equal(both, found.Body!.Instances!.Instance!.Select(i => i.InstanceId!));
        Assert.Equal([("a", "1"), ("b", "2")], found.Body.Instances.Instance![0].Tags!.Tag!.Select(t => (t.TagKey!, t.TagValue!)));
    }

    [Fact]
    public async Task DescribeInstances_PagesByNextTokenAndByPageNumber()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var all = await Ids(bed, Run(amount: 25));
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region, MaxResults = 10, NextToken = next });
            seen.AddRange(page.Body!.Instances!.Instance!.Select(i => i.InstanceId!));
            next = page.Body.NextToken;
            pages++;
        } while (!string.IsNullOrEmpty(next));
        var third = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region, PageNumber = 3, PageSize = 10 });

        Assert.Equal(3, pages);
        Assert.Equal(all.Order(StringComparer.Ordinal), seen);
        Assert.Equal((25, 5), (third.Body!.TotalCount, third.Body.Instances!.Instance!.Count));
    }

    [Fact]
    public async Task DescribeInstances_EmptyInstanceIdsArray_ReturnsNothing()
    {
        await using var bed = await EcsTestBed.StartAsync();
        await Ids(bed, Run());

        var found = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region, InstanceIds = "[]" });

        Assert.Empty(found.Body!.Instances!.Instance!);
    }

    [Fact]
    public async Task Delete_NeedsForce_ForRunningInstances()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var ids = await Ids(bed, Run());

        var error = await Assert.ThrowsAsync<EcsException>(() =>
            bed.Client.DeleteInstancesAsync(new DeleteInstancesRequest { RegionId = Region, InstanceId = ids }));

        Assert.Equal(("IncorrectInstanceStatus", 403), (error.Code, error.StatusCode));
        Assert.Single(bed.Host.Instances);
    }

    [Fact]
    public async Task Delete_WithAnUnknownId_IsNotFound_AndDeletesNothing()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var ids = await Ids(bed, Run());

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DeleteInstancesAsync(
            new DeleteInstancesRequest { RegionId = Region, InstanceId = [ids[0], "i-unknown"], Force = true }));

        Assert.Equal(("InvalidInstanceId.NotFound", 404), (error.Code, error.StatusCode));
        Assert.Single(bed.Host.Instances);
    }

    [Fact]
    public async Task Delete_DryRun_DeletesNothing()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var ids = await Ids(bed, Run());

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DeleteInstancesAsync(
            new DeleteInstancesRequest { RegionId = Region, InstanceId = ids, Force = true, DryRun = true }));

        Assert.Equal("DRYRUN.SUCCESS", error.Code);
        Assert.Single(bed.Host.Instances);
    }

    [Fact]
    public async Task VcpuQuota_CapsPartialRequests_AndRefusesBeyondMinAmount()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: o => o.VcpuQuota = 10); // c7.large has 2 vCPUs

        var partial = await Ids(bed, Run(amount: 8, min: 1));
        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run()));
        await bed.Client.DeleteInstancesAsync(new DeleteInstancesRequest { RegionId = Region, InstanceId = [partial[0]], Force = true });

        Assert.Equal(5, partial.Count);
        Assert.Equal(("QuotaExceed.ElasticQuota", 403), (error.Code, error.StatusCode));
        Assert.Single(await Ids(bed, Run()));
    }
}
