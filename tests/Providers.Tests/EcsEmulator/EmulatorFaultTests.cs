using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>Faults from configuration and from the host API.</summary>
public class EmulatorFaultTests
{
    private static RunInstancesRequest Run(string zone = RoomyZone) => new()
    {
        RegionId = Region, ZoneId = zone, InstanceType = C7Large, ImageId = "img",
    };

    private static async Task<string?> Category(EcsTestBed bed, string zone) =>
        (await bed.Client.DescribeAvailableResourceAsync(new DescribeAvailableResourceRequest
        {
            RegionId = Region, ZoneId = zone, DestinationResource = "InstanceType", InstanceType = C7Large,
        })).Body!.AvailableZones!.AvailableZone!.Single().AvailableResources!.AvailableResource!.Single()
            .SupportedResources!.SupportedResource!.Single().StatusCategory;

    [Fact]
    public async Task ZoneDown_RefusesNewInstances_AndShowsNoStock()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.TakeZoneDown(RoomyZone);

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run()));
        var category = await Category(bed, RoomyZone);
        bed.Host.Faults.BringZoneUp(RoomyZone);
        await bed.Client.RunInstancesAsync(Run());

        Assert.Equal(("Zone.NotOnSale", 403), (error.Code, error.StatusCode));
        Assert.Equal("ClosedWithoutStock", category);
        Assert.Single(bed.Host.Instances);
    }

    [Fact]
    public async Task StockOut_ReportsAndRefuses_UntilRestocked()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.StockOut(RoomyZone, C7Large);

        var category = await Category(bed, RoomyZone);
        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run()));
        bed.Host.Faults.Restock(RoomyZone, C7Large);

        Assert.Equal("WithoutStock", category);
        Assert.Equal("OperationDenied.NoStock", error.Code);
        Assert.Equal("WithStock", await Category(bed, RoomyZone));
    }

    [Fact]
    public async Task ConfiguredErrorRateAndDownZone_ApplyFromStart()
    {
        await using var bed = await EcsTestBed.StartAsync(
            emulator: o =>
            {
                o.Faults.ErrorRates["DescribeZones"] = 1.0;
                o.Faults.DownZones.Add(ScarceZone);
            },
            client: o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region }));
        var zoneDown = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run(ScarceZone)));

        Assert.Equal(("ServiceUnavailable", 503), (error.Code, error.StatusCode));
        Assert.Equal("Zone.NotOnSale", zoneDown.Code);
    }

    [Fact]
    public async Task AddedLatency_DelaysTheAnswer_OnTheInjectedClock()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.AddedLatency = TimeSpan.FromSeconds(5);

        var started = bed.Time.GetUtcNow();

        var call = bed.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region });
        while (!call.IsCompleted)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(20));
        }

        // Whatever the scheduling, the answer cannot come before the fake clock moved 5 s.
        Assert.True(bed.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(5));
        Assert.Equal(200, (await call).StatusCode);
    }

    [Fact]
    public async Task ActionLatency_DelaysOnlyThatAction_OnTheInjectedClock()
    {
        await using var bed = await EcsTestBed.StartAsync(o => o.Faults.ActionLatency["DescribeInstances"] = TimeSpan.FromSeconds(5));

        // Another action answers without the clock moving at all.
        var zones = await bed.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region });
        var started = bed.Time.GetUtcNow();
        var call = bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region });
        while (!call.IsCompleted)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(20));
        }

        Assert.Equal(200, zones.StatusCode);
        Assert.True(bed.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), bed.Host.Faults.LatencyOf("DescribeInstances"));
        Assert.Equal(TimeSpan.Zero, bed.Host.Faults.LatencyOf("RunInstances"));
        Assert.Equal(200, (await call).StatusCode);
    }
}
