using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Http;
using CapacityConsole.Providers.AlibabaCloud.Models;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>
/// The client-side limiter keeps each (region, API) under its own rate with no burst: one permit at
/// a time, the next 1/rate s later, so no calendar second of the server sees twice the rate (issue 15);
/// the rest wait, and other partitions are not held up.
/// (Behaviour, not speed: nothing here measures time.)
/// </summary>
public sealed class EcsRateLimiterTests
{
    private static EcsCall Call(string action, string region) => new(action, region, new EcsParameters(), Retryable: true);

    [Fact]
    public async Task Calls_BeyondOne_WaitForTheNextPermit_PerRegionAndApi()
    {
        var options = new EcsClientOptions { DefaultRequestsPerSecond = 50, RequestsPerSecond = { ["RunInstances"] = 3 } };
        using var limiter = new EcsRateLimiter(Options.Create(options));

        var burst = Enumerable.Range(0, 8).Select(_ => limiter.AcquireAsync(Call("RunInstances", "cn-beijing"), CancellationToken.None)).ToList();
        var otherRegion = limiter.AcquireAsync(Call("RunInstances", "cn-shanghai"), CancellationToken.None);
        var otherApi = limiter.AcquireAsync(Call("DescribeInstances", "cn-beijing"), CancellationToken.None);

        // Read the state at once, before the next token can arrive (a third of a second later).
        var granted = burst.Count(t => t.IsCompletedSuccessfully);
        var waiting = burst.Count(t => !t.IsCompleted);
        var othersGranted = otherRegion.IsCompletedSuccessfully && otherApi.IsCompletedSuccessfully;

        Assert.Equal(1, granted);
        Assert.Equal(7, waiting);
        Assert.True(othersGranted);
        Assert.True((await otherRegion).IsAcquired);
        Assert.True((await burst[0]).IsAcquired);
    }
}
