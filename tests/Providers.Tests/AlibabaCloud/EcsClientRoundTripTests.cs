using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>The real client against the real emulator over HTTP on 127.0.0.1, with both signature schemes.</summary>
public class EcsClientRoundTripTests
{
    [Theory]
    [InlineData("v3", false)]
    [InlineData("v2", false)]
    [InlineData("v3", true)]
    [InlineData("v2", true)]
    public async Task RunDescribeDelete_RoundTrips(string algorithm, bool sts)
    {
        await using var bed = await EcsTestBed.StartAsync(
            emulator: o => { if (sts) o.Credentials.Add(new() { AccessKeyId = "STS.ak", AccessKeySecret = "sts-secret", SecurityToken = "tok/+==" }); },
            client: o =>
            {
                o.SignatureAlgorithm = algorithm;
                if (sts) (o.AccessKeyId, o.AccessKeySecret, o.SecurityToken) = ("STS.ak", "sts-secret", "tok/+==");
            });

        var run = await bed.Client.RunInstancesAsync(new RunInstancesRequest
        {
            RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img", Amount = 2,
            ClientToken = "tok-1", Tag = [new() { Key = "team", Value = "web tier*~é" }],
        });
        var ids = run.Body!.InstanceIdSets!.InstanceIdSet!;
        var listed = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            RegionId = Region, Tag = [new() { Key = "team", Value = "web tier*~é" }],
        });
        await bed.Client.DeleteInstancesAsync(new DeleteInstancesRequest { RegionId = Region, InstanceId = ids, Force = true });

        Assert.Equal(200, run.StatusCode);
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids.Order(), listed.Body!.Instances!.Instance!.Select(i => i.InstanceId!).Order());
        Assert.All(listed.Body.Instances.Instance!, i => Assert.Equal("Pending", i.Status));
        Assert.Empty(bed.Host.Instances);
        Assert.Equal(RoomyStock, bed.Host.RemainingStock(RoomyZone, C7Large));
    }

    [Fact]
    public async Task DescribeCalls_ReturnStockSpecsAndPrices()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var zones = await bed.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region });
        var stock = await bed.Client.DescribeAvailableResourceAsync(new DescribeAvailableResourceRequest
        {
            RegionId = Region, ZoneId = ScarceZone, DestinationResource = "InstanceType",
        });
        var types = await bed.Client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [C7Large, SoldOutType] });
        var price = await bed.Client.DescribePriceAsync(new DescribePriceRequest { RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large });

        Assert.Equal([RoomyZone, ScarceZone], zones.Body!.Zones!.Zone!.Select(z => z.ZoneId!));
        var supported = stock.Body!.AvailableZones!.AvailableZone!.Single().AvailableResources!.AvailableResource!.Single()
            .SupportedResources!.SupportedResource!.ToDictionary(s => s.Value!, s => s.StatusCategory);
        Assert.Equal("ClosedWithStock", supported[C7Large]); // 4 units is under the low-stock threshold
        Assert.Equal("WithoutStock", supported[SoldOutType]);
        Assert.Equal(32, types.Body!.InstanceTypes!.InstanceType!.Single(t => t.InstanceTypeId == SoldOutType).CpuCoreCount);
        Assert.Equal(0.42f, price.Body!.PriceInfo!.Price!.TradePrice);
    }

    [Fact]
    public async Task ServerError_CarriesCodeStatusAndRequestId()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(new RunInstancesRequest
        {
            RegionId = Region, ZoneId = RoomyZone, InstanceType = SoldOutType, ImageId = "img",
        }));

        Assert.Equal("OperationDenied.NoStock", error.Code);
        Assert.Equal(403, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task DescribeRegionsAndInstanceStatus_RoundTrip()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var ids = (await bed.Client.RunInstancesAsync(new RunInstancesRequest
        {
            RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img", Amount = 3,
        })).Body!.InstanceIdSets!.InstanceIdSet!;
        bed.Time.Advance(TimeSpan.FromSeconds(60));

        var regions = await bed.Client.DescribeRegionsAsync(new DescribeRegionsRequest());
        var statuses = await bed.Client.DescribeInstanceStatusAsync(new DescribeInstanceStatusRequest
        {
            RegionId = Region, InstanceId = [ids[0], ids[1]], PageSize = 50,
        });

        Assert.Equal([Region], regions.Body!.Regions!.Region!.Select(r => r.RegionId!));
        Assert.Equal(2, statuses.Body!.TotalCount);
        Assert.All(statuses.Body.InstanceStatuses!.InstanceStatus!, s => Assert.Equal("Running", s.Status));
    }
}
