using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>Per-API flow control over per-second and per-minute windows; a throttled API waits for the next minute (spec §5).</summary>
public class EmulatorThrottlingTests
{
    private static Task<EcsTestBed> StartAsync() => EcsTestBed.StartAsync(
        emulator: o => o.RateLimits.PerAction["DescribeZones"] = new EmulatorApiLimit { PerSecond = 2, PerMinute = 4 },
        client: o => o.MaxRetries = 0);

    private static Task Zones(EcsTestBed bed) => bed.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region });

    [Fact]
    public async Task OverPerSecondLimit_IsThrottledForTheRestOfTheMinute()
    {
        await using var bed = await StartAsync();
        await Zones(bed);
        await Zones(bed);

        var throttled = await Assert.ThrowsAsync<EcsException>(() => Zones(bed));
        bed.Time.Advance(TimeSpan.FromSeconds(30));
        var stillThrottled = await Assert.ThrowsAsync<EcsException>(() => Zones(bed));
        bed.Time.Advance(TimeSpan.FromSeconds(30)); // 08:01:00, the next minute
        await Zones(bed);

        Assert.Equal(("Throttling", 400), (throttled.Code, throttled.StatusCode));
        Assert.Equal("Throttling", stillThrottled.Code);
    }

    [Fact]
    public async Task OverPerMinuteLimit_IsThrottled()
    {
        await using var bed = await StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await Zones(bed);
            bed.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var throttled = await Assert.ThrowsAsync<EcsException>(() => Zones(bed));

        Assert.True(throttled.IsThrottling);
    }

    [Fact]
    public async Task ThrottledApi_DoesNotAffectOtherApis()
    {
        await using var bed = await StartAsync();
        await Zones(bed);
        await Zones(bed);
        await Assert.ThrowsAsync<EcsException>(() => Zones(bed));

        var other = await bed.Client.DescribeInstancesAsync(new DescribeInstancesRequest { RegionId = Region });

        Assert.Equal(200, other.StatusCode);
    }

    [Fact]
    public async Task Throttling_SaysWhenToRetry()
    {
        await using var bed = await StartAsync();
        using var raw = new RawEcsCaller(bed);
        bed.Time.Advance(TimeSpan.FromSeconds(45));
        for (var i = 0; i < 2; i++) await raw.SendV1Async(raw.V1("DescribeZones", new() { ["RegionId"] = Region }));

        var answer = await raw.SendV1Async(raw.V1("DescribeZones", new() { ["RegionId"] = Region }));

        Assert.Equal("Throttling", answer.Code);
        Assert.Equal("15000", answer.Headers.GetValues("x-acs-retry-after").Single());
    }

    [Fact]
    public async Task Throttle_OutlastsClientRetries_UntilTheNextMinute()
    {
        await using var bed = await EcsTestBed.StartAsync(
            emulator: o => o.RateLimits.PerAction["DescribeZones"] = new EmulatorApiLimit { PerSecond = 1, PerMinute = 100 },
            client: o => o.MaxRetries = 1);
        await Zones(bed);
        // The retry happens with zero delay on the fake clock, so the minute has not turned: still throttled.
        var error = await Assert.ThrowsAsync<EcsException>(() => Zones(bed));

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await Zones(bed);

        Assert.Equal("Throttling", error.Code);
    }

    [Fact]
    public async Task InstanceCreationCap_ThrottlesRunInstances_UntilTheNextMinute()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: o => o.MaxInstancesCreatedPerMinute = 5, client: o => o.MaxRetries = 0);
        RunInstancesRequest Run(int amount) => new() { RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img", Amount = amount };
        await bed.Client.RunInstancesAsync(Run(4));

        var throttled = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(Run(2)));
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.Client.RunInstancesAsync(Run(2));

        Assert.Equal("Throttling", throttled.Code);
        Assert.Equal(6, bed.Host.Instances.Count);
    }
}
