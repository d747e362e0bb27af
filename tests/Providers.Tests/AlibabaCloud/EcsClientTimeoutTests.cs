using CapacityConsole.Providers.Tests.Infrastructure;
using CapacityConsole.Scheduler.ProviderPort;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>Per-attempt timeouts run on the injected clock, are retried, and finally surface as Transient.</summary>
public class EcsClientTimeoutTests
{
    [Fact]
    public async Task SlowAnswers_TimeOut_AndSurfaceAsTransient_CreatingNothing()
    {
        await using var bed = await EcsTestBed.StartAsync(client: o => (o.AttemptTimeout, o.MaxRetries) = (TimeSpan.FromSeconds(2), 1));
        bed.Host.Faults.AddedLatency = TimeSpan.FromSeconds(30);
        var command = new ProvisionCommand(RoomyZone, C7Large, 1, "slow", OwnerTags.For("slow", Guid.NewGuid(), Guid.NewGuid()), null);

        var call = bed.Provider.ProvisionAsync(command, CancellationToken.None);
        // Both timers run on the fake clock: the 2 s attempt timeout always fires before the 30 s
        // latency ends, however slowly the machine gets each attempt going.
        for (var i = 0; i < 1000 && !call.IsCompleted; i++)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(10));
        }

        var error = await Assert.ThrowsAsync<ProviderException>(() => call);
        Assert.Equal(ProviderFailure.Transient, error.Failure);
        Assert.Empty(bed.Host.Instances);
    }
}
