using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Capacity;

/// <summary>Capacity samples taken from the tables, stored, queried by window, pruned and pushed, on SQLite and on PostgreSQL.</summary>
public abstract class CapacitySamplerSuite(StorageProvider storage)
{
    // Every demo IDC hall: 120 hosts × 96 cores and 80 hosts × 64 cores in stock.
    private static readonly int HallStockCores = DemoTopology.IdcHostClasses.Sum(h => h.Hosts * h.Cores);

    [Fact]
    public async Task Sample_CountsTotalAllocatedAndUsed_PerInternalZoneAndProvider()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync(); // the clock is at the window's start: all of it serves

        var taken = await core.Get<CapacitySampler>().SampleAsync();

        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var snapshot = await core.Get<TopologyRepository>().GetSnapshotAsync();
        Assert.Equal(snapshot.InternalZones.Count * 2, taken.Count); // every demo zone merges IDC and cloud
        foreach (var zone in snapshot.InternalZones)
        {
            var members = snapshot.MemberZones.Where(m => m.InternalZoneId == zone.Id).Select(m => m.Id).ToHashSet();
            var allocated = resources.Where(r => members.Contains(r.MemberZoneId)).Sum(r => r.Cores);
            var idc = taken.Single(s => s.InternalZoneId == zone.Id && s.Provider == ProviderKind.Idc);
            Assert.Equal((HallStockCores + allocated, allocated, allocated), (idc.TotalCores, idc.AllocatedCores, idc.UsedCores));
            // No ECS offering is seeded (they come from the stock refresh) and nothing runs in the cloud.
            var cloud = taken.Single(s => s.InternalZoneId == zone.Id && s.Provider == ProviderKind.AlibabaCloud);
            Assert.Equal((0, 0, 0), (cloud.TotalCores, cloud.AllocatedCores, cloud.UsedCores));
        }
        Assert.Equal(resources.Sum(r => r.Cores), taken.Sum(s => s.AllocatedCores));
        Assert.All(taken, s => Assert.Equal(core.Clock.GetUtcNow(), s.At));
    }

    [Fact]
    public async Task Used_CountsOnlyCapacityInsideItsEventWindow()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);
        core.Clock.SetUtcNow(request.WindowStart.AddMinutes(-10)); // pre-warmed, the event not started

        var before = await core.Get<CapacitySampler>().SampleAsync();
        core.Clock.SetUtcNow(request.WindowEnd.AddMinutes(5)); // in the release grace
        var after = await core.Get<CapacitySampler>().SampleAsync();

        Assert.True(before.Sum(s => s.AllocatedCores) > 0);
        Assert.Equal(0, before.Sum(s => s.UsedCores));
        Assert.Equal(0, after.Sum(s => s.UsedCores));
        Assert.Equal(before.Sum(s => s.AllocatedCores), after.Sum(s => s.AllocatedCores));
    }

    [Fact]
    public async Task Samples_AreStored_QueriedByWindowAndZone_AndPushedToZoneWatchers()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var bj1 = core.Watch(LiveKeys.Zone("bj-1"));
        var sampler = core.Get<CapacitySampler>();
        var t0 = core.Clock.GetUtcNow();
        await sampler.SampleAsync();
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        await sampler.SampleAsync();
        var repository = core.Get<CapacitySampleRepository>();

        var first = await repository.ListAsync(t0, t0.AddMinutes(1));
        var both = await repository.ListAsync(t0, t0.AddMinutes(2), "bj-1");

        Assert.Equal(16, first.Count);
        Assert.All(first, s => Assert.Equal(t0, s.At));
        Assert.Equal([t0, t0, t0.AddMinutes(1), t0.AddMinutes(1)], both.Select(s => s.At));
        Assert.All(both, s => Assert.Equal("bj-1", s.InternalZoneId));
        Assert.Equal(4, bj1.Count);
        Assert.All(bj1, u => Assert.Equal("bj-1", Assert.IsType<CapacitySampled>(u).Sample.InternalZoneId));
    }

    [Fact]
    public async Task SamplesOlderThanTheRetention_ArePruned()
    {
        await using var core = await CoreHost.StartAsync(storage, new() { ["Capacity:SampleRetention"] = "01:00:00" });
        var sampler = core.Get<CapacitySampler>();
        var t0 = core.Clock.GetUtcNow();
        await sampler.SampleAsync();
        core.Clock.Advance(TimeSpan.FromMinutes(59));
        await sampler.SampleAsync();
        core.Clock.Advance(TimeSpan.FromMinutes(2));
        await sampler.SampleAsync();

        var kept = await core.Get<CapacitySampleRepository>().ListAsync(t0.AddDays(-1), t0.AddDays(1), "bj-1");

        Assert.Equal([t0.AddMinutes(59), t0.AddMinutes(59), t0.AddMinutes(61), t0.AddMinutes(61)], kept.Select(s => s.At));
    }

    [Fact]
    public async Task SamplingTwiceAtTheSameInstant_StoresOneSample()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var t0 = core.Clock.GetUtcNow();
        await core.Get<CapacitySampler>().SampleAsync();
        await core.Get<CapacitySampler>().SampleAsync();

        Assert.Equal(2, (await core.Get<CapacitySampleRepository>().ListAsync(t0, t0.AddMinutes(1), "sh-1")).Count);
    }

    [Fact]
    public async Task Query_RefusesAWindowThatEndsBeforeItStarts()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var t0 = core.Clock.GetUtcNow();
        var e = await Assert.ThrowsAsync<DomainValidationException>(() => core.Get<CapacitySampleRepository>().ListAsync(t0, t0));
        Assert.Contains("To", e.Errors.Keys);
    }
}

public sealed class SqliteCapacitySamplerTests() : CapacitySamplerSuite(StorageProvider.Sqlite);

public sealed class PostgresCapacitySamplerTests() : CapacitySamplerSuite(StorageProvider.Postgres);
