using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>The Polly pipeline: retries Throttling*, 5xx and dropped connections; never other 4xx or token-less RunInstances.</summary>
public class EcsClientRetryTests
{
    private static DescribeZonesRequest Zones() => new() { RegionId = Region };

    [Theory]
    [InlineData("ServiceUnavailable", 503)]
    [InlineData("InternalError", 500)]
    [InlineData("Throttling", 400)]
    [InlineData("Throttling.User", 429)]
    public async Task RetryableError_IsRetriedUntilSuccess(string code, int status)
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.FailNext("DescribeZones", code, status, times: 2);

        var answer = await bed.Client.DescribeZonesAsync(Zones());

        Assert.Equal(2, answer.Body!.Zones!.Zone!.Count);
    }

    [Fact]
    public async Task DroppedConnection_IsRetried()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.DropNext("DescribeZones");

        var answer = await bed.Client.DescribeZonesAsync(Zones());

        Assert.Equal(200, answer.StatusCode);
    }

    [Fact]
    public async Task OtherClientError_IsNotRetried()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.FailNext("DescribeZones", "Forbidden.RAM", 403, times: 2);

        var first = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DescribeZonesAsync(Zones()));
        // The second scripted failure is still queued: the first call used exactly one attempt.
        var second = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DescribeZonesAsync(Zones()));

        Assert.Equal("Forbidden.RAM", first.Code);
        Assert.Equal("Forbidden.RAM", second.Code);
        Assert.Equal(2, (await bed.Client.DescribeZonesAsync(Zones())).Body!.Zones!.Zone!.Count);
    }

    [Fact]
    public async Task PersistentServerError_SurfacesAfterTheLastRetry()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.FailNext("DescribeZones", "ServiceUnavailable", 503, times: 3); // 1 try + 2 retries

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.DescribeZonesAsync(Zones()));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(200, (await bed.Client.DescribeZonesAsync(Zones())).StatusCode);
    }

    [Fact]
    public async Task RunInstancesWithoutClientToken_IsNeverRetried()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.FailNext("RunInstances", "InternalError", 500, times: 1);
        var request = new RunInstancesRequest { RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img" };

        var error = await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(request));
        request.ClientToken = "with-token";
        bed.Host.Faults.FailNext("RunInstances", "InternalError", 500, times: 1);
        var retried = await bed.Client.RunInstancesAsync(request);

        Assert.Equal(500, error.StatusCode);
        Assert.Single(retried.Body!.InstanceIdSets!.InstanceIdSet!);
        Assert.Single(bed.Host.Instances);
    }
}
