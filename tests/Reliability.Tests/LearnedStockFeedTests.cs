using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using DemoTopology = CapacityConsole.Scheduler.Seeding.DemoTopology;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// Issue 13, "stock you can stand on": the learned cap is fed by real batch launches. Every demo cloud
/// zone truly holds 5 units, which ECS reports only as ClosedWithStock; the adapter reads that as its
/// nominal 10. Two requests are approved on that reading; the first pre-warm asks for up to 10 per zone
/// and gets 5 (partial fulfilments: cap 5, and the planning input holds those offerings to 5), the
/// second launches into the zones the first emptied (stock-outs: cap 0), which the next plan stays out
/// of until the cap decays.
/// </summary>
public sealed class LearnedStockFeedTests
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner);
    private static readonly Actor PlannerActor = new("planner", null, Role.Planner);
    private const string CloudType = "ecs.c7.8xlarge";
    private const int TrueStock = 5;

    private static EcsEmulatorOptions Emulator() => new()
    {
        BootDelay = TimeSpan.Zero,
        Regions = DemoTopology.CloudZones.GroupBy(z => z.RegionId).Select(region => new EmulatorRegion
        {
            RegionId = region.Key,
            Zones = region.Select(z => new EmulatorZone
            {
                ZoneId = z.ZoneId,
                Offerings = [new() { InstanceType = CloudType, Cores = 32, MemoryGiB = 64, Stock = TrueStock, PricePerHour = 6.68m }],
            }).ToList(),
        }).ToList(),
    };

    [Fact]
    public async Task PartialFulfilmentsAndStockOuts_FromRealLaunches_CapWhatTheNextPlanCountsOn()
    {
        var clock = ConsoleCore.NewClock();
        await using var ecs = await EcsEmulatorHost.StartAsync(Emulator(), clock);
        await using var core = await ConsoleCore.StartAsync(StorageProvider.Sqlite, services =>
            services.AddAlibabaCloudEcs(o =>
            {
                o.Endpoint = ecs.BaseAddress;
                o.AccessKeyId = ecs.Credentials.AccessKeyId;
                o.AccessKeySecret = ecs.Credentials.AccessKeySecret;
                o.Regions = [.. ecs.RegionIds];
                o.MaxRetries = 2;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.RetryMaxDelay = TimeSpan.Zero;
            }), clock: clock);
        var learned = core.Get<LearnedStock>();

        // Two requests approved on the same reading of stock: both plans believe the nominal 10 per zone.
        var first = await ApprovedAsync(core, cores: 1000);
        var second = await ApprovedAsync(core, cores: 640);
        var read = await core.Get<TopologyRepository>().GetSnapshotAsync();
        var firstPlan = (await core.Get<PlanRepository>().GetCurrentAsync(first.Id))!;
        var overAsked = firstPlan.Allocations.Where(a => a.Provider == ProviderKind.AlibabaCloud && a.Units > TrueStock).ToList();
        Assert.NotEmpty(overAsked);
        var secondZones = (await core.Get<PlanRepository>().GetCurrentAsync(second.Id))!.Allocations
            .Where(a => a.Provider == ProviderKind.AlibabaCloud).Select(a => a.MemberZoneId).Distinct().ToList();
        Assert.NotEmpty(secondZones);

        // Partial fulfilments: every zone asked for more than it held taught its true stock, and the
        // planning input now holds those offerings to it (the adapter still reports the nominal count).
        await PrewarmAsync(core, first.Id);
        var now = clock.GetUtcNow();
        Assert.All(overAsked, a => Assert.Equal(TrueStock, learned.CapAt(a.MemberZoneId, CloudType, now)));
        var capped = learned.Apply(read, now).Offerings.ToDictionary(o => o.Id);
        Assert.All(overAsked, a => Assert.Equal(TrueStock, capped[a.OfferingId].Stock));
        Assert.All(overAsked, a => Assert.True(read.Offerings.Single(o => o.Id == a.OfferingId).Stock > TrueStock));

        // The second request launches into zones the first emptied: stock-outs teach a cap of 0 there.
        await PrewarmAsync(core, second.Id);
        now = clock.GetUtcNow();
        var stockedOut = secondZones.Where(z => learned.CapAt(z, CloudType, now) == 0).ToList();
        Assert.NotEmpty(stockedOut);
        capped = learned.Apply(read, now).Offerings.ToDictionary(o => o.Id);
        Assert.All(read.Offerings.Where(o => stockedOut.Contains(o.MemberZoneId) && o.InstanceType == CloudType), o => Assert.Equal(0, capped[o.Id].Stock));

        // The next plan stays out of them, and the cap decays back (1, 3, 7, ... units per doubling period).
        var after = await Preview(core, cores: 320);
        Assert.DoesNotContain(after.Allocations, a => stockedOut.Contains(a.MemberZoneId));
        Assert.All(stockedOut, z => Assert.Equal(7, learned.CapAt(z, CloudType, now + learned.DoublingPeriod * 3)));
    }

    private static NewCoreQuotaRequest Input(ConsoleCore core, int cores)
    {
        var now = core.Clock.GetUtcNow();
        return new NewCoreQuotaRequest("order-submit", cores, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 order peak");
    }

    private static async Task<CoreQuotaRequest> ApprovedAsync(ConsoleCore core, int cores)
    {
        await core.Get<OfferingRefresh>().RefreshAsync();
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(Input(core, cores), Owner, submit: true);
        return await requests.ApproveAsync(filed.Id, PlannerActor, "Approved for the flash sale");
    }

    private static async Task<Plan> Preview(ConsoleCore core, int cores)
    {
        await core.Get<OfferingRefresh>().RefreshAsync();
        return await core.Get<RequestService>().PreviewAsync(Input(core, cores), Owner);
    }

    /// <summary>Runs the request's pre-warm jobs at their times until it leaves Scheduled/Provisioning.</summary>
    private static async Task PrewarmAsync(ConsoleCore core, Guid requestId)
    {
        var ran = 0;
        for (var guard = 0; guard < 50; guard++)
        {
            var state = (await core.Get<RequestRepository>().GetAsync(requestId)).State;
            if (state is not (RequestState.Scheduled or RequestState.Provisioning)) return;
            var next = core.Jobs.Scheduled.Where(j => j.Job == "prewarm" && j.RequestId == requestId).Select(j => j.At).Skip(ran).FirstOrDefault();
            if (next == default) return;
            if (next > core.Clock.GetUtcNow()) core.Clock.SetUtcNow(next);
            ran++;
            await core.Get<ProvisioningService>().PrewarmAsync(requestId);
        }
    }
}
