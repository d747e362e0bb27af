using System.Collections.Concurrent;
using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers;
using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using DemoTopology = CapacityConsole.Scheduler.Seeding.DemoTopology;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// Issue 6 item 8: one Stateless request from filing to Released through the real executor, the real
/// ECS client talking to the emulator over loopback HTTP, and the IDC provider, on one fake clock that
/// the test moves (the emulator boots and auto-releases by the same clock). Cloud stock is kept small
/// so that the cloud-first plan also needs IDC hosts: both providers are exercised in one order.
/// </summary>
public abstract class EndToEndSuite(StorageProvider storage)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner);
    private static readonly Actor PlannerActor = new("planner", null, Role.Planner);
    private const string CloudType = "ecs.c7.8xlarge";
    private const decimal CloudPrice = 6.68m;
    private const int CloudStockPerZone = 5;
    private static readonly TimeSpan BootDelay = TimeSpan.FromSeconds(60);

    /// <summary>Every demo cloud zone sells one type, 5 units each: 800 cores in Beijing, less than the request needs.</summary>
    private static EcsEmulatorOptions Emulator() => new()
    {
        BootDelay = BootDelay,
        Regions = DemoTopology.CloudZones.GroupBy(z => z.RegionId).Select(region => new EmulatorRegion
        {
            RegionId = region.Key,
            Zones = region.Select(z => new EmulatorZone
            {
                ZoneId = z.ZoneId,
                Offerings = [new() { InstanceType = CloudType, Cores = 32, MemoryGiB = 64, Stock = CloudStockPerZone, PricePerHour = CloudPrice }],
            }).ToList(),
        }).ToList(),
    };

    /// <summary>The console core with the real ECS client pointed at <paramref name="ecs"/>, on the emulator's clock.</summary>
    private Task<ConsoleCore> StartCoreAsync(EcsEmulatorHost ecs, FakeTimeProvider clock, Action<IServiceCollection>? more = null) =>
        ConsoleCore.StartAsync(storage, services =>
        {
            services.AddAlibabaCloudEcs(o =>
            {
                o.Endpoint = ecs.BaseAddress;
                o.AccessKeyId = ecs.Credentials.AccessKeyId;
                o.AccessKeySecret = ecs.Credentials.AccessKeySecret;
                o.Regions = [.. ecs.RegionIds];
                // Retries stay on, without waiting on a clock nobody moves during a call.
                o.MaxRetries = 2;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.RetryMaxDelay = TimeSpan.Zero;
            });
            // ECS reports stock as a category only; tell the scheduler the number behind "low stock"
            // so that the plan is exact instead of discovering the stock by a partial fulfilment.
            services.Configure<ReportedStockOptions>(o => o.AssumedUnitsClosedWithStock = CloudStockPerZone);
            more?.Invoke(services);
        }, clock: clock);

    /// <summary>Filed, submitted and approved for a window starting in 2 h; offerings refreshed from the providers first.</summary>
    private static async Task<CoreQuotaRequest> ApprovedAsync(ConsoleCore core, Action<Guid>? beforeSubmit = null)
    {
        var refresh = await core.Get<OfferingRefresh>().RefreshAsync();
        Assert.Equal(0, refresh.ZonesFailed);
        var now = core.Clock.GetUtcNow();
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("order-submit", 1000, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 order peak"), Owner, submit: false);
        beforeSubmit?.Invoke(filed.Id);
        await requests.SubmitAsync(filed.Id, Owner);
        return await requests.ApproveAsync(filed.Id, PlannerActor, "Approved for the flash sale");
    }

    [Fact]
    public async Task StatelessRequest_FromFilingToReleased_OverEcsAndIdc_LeavesNothingAndSpendsExactly()
    {
        var clock = ConsoleCore.NewClock();
        await using var ecs = await EcsEmulatorHost.StartAsync(Emulator(), clock);
        await using var core = await StartCoreAsync(ecs, clock);
        var options = core.Get<IOptions<SchedulingOptions>>().Value;
        var updates = new ConcurrentQueue<RequestProgressed>();
        IDisposable? subscription = null;

        // Stock and prices of the cloud zones come from the provider (as the recurring refresh does), then File → Submit → Approve.
        var request = await ApprovedAsync(core, id =>
            subscription = core.Get<LiveNotifier>().Subscribe(LiveKeys.Request(id), u => { if (u is RequestProgressed p) updates.Enqueue(p); }));
        using var _ = subscription;
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.Contains(plan.Allocations, a => a.Provider == ProviderKind.AlibabaCloud);
        Assert.Contains(plan.Allocations, a => a.Provider == ProviderKind.Idc);
        Assert.True(plan.PlannedCores >= request.Cores);

        // Pre-warm: run each job the recorder captured, at its time, until the request is Active.
        var repository = core.Get<RequestRepository>();
        var ran = await RunJobsAsync(core, request.Id, "prewarm", until: async () => (await repository.GetAsync(request.Id)).State == RequestState.Active);
        Assert.Equal(request.PrewarmAt, ran[0]);
        Assert.True(ran.Count > 1, "The first pass must wait for the instances to boot.");
        var activeAt = clock.GetUtcNow();
        Assert.True(activeAt >= request.PrewarmAt + BootDelay, "Active only once the cloud instances are Running.");

        var provisioning = core.Get<ProvisioningRepository>();
        var resources = await provisioning.ListResourcesAsync(request.Id);
        var order = (await provisioning.GetOrderAsync(request.Id))!;
        var batches = (await provisioning.ListBatchesAsync(order.Id)).ToDictionary(b => b.Id);
        Assert.Equal(plan.Allocations.Sum(a => a.Units), resources.Count);
        Assert.All(resources, r => Assert.Equal(ResourceState.Running, r.State));
        Assert.All(batches.Values, b => Assert.InRange(b.Units, 1, 100));

        // Everything the providers hold for us is tagged (owner, request, batch) and recorded, and nothing else.
        var ecsProvider = core.Get<AlibabaCloudProvider>();
        var idc = core.Get<IdcProvider>();
        var heldInCloud = await ecsProvider.ListByOwnerTagAsync(OwnerTags.Owner, options.Owner, default);
        var heldInIdc = await idc.ListByOwnerTagAsync(OwnerTags.Owner, options.Owner, default);
        Assert.NotEmpty(heldInCloud);
        Assert.NotEmpty(heldInIdc);
        Assert.Equal(resources.Select(r => r.Id).Order(), heldInCloud.Concat(heldInIdc).Select(h => h.Id).Order());
        var rows = resources.ToDictionary(r => r.Id);
        Assert.All(heldInCloud.Concat(heldInIdc), held =>
        {
            Assert.Equal(request.Id.ToString("D"), held.Tags[OwnerTags.Request]);
            Assert.Equal(rows[held.Id].BatchId!.Value.ToString("D"), held.Tags[OwnerTags.Batch]);
        });
        Assert.All(heldInCloud, held => Assert.Equal("Running", held.Status));

        // On the wire: every RunInstances carried the batch's deterministic ClientToken, the owner tags
        // and an AutoReleaseTime past T2 + grace + margin; no token created instances twice.
        var calls = ecs.RunInstancesCalls;
        var created = calls.Where(c => !c.Replayed).ToList();
        Assert.Equal(heldInCloud.Count, created.Sum(c => c.CreatedIds.Count));
        Assert.Equal(created.Count, created.Select(c => c.ClientToken).Distinct().Count());
        var cloudBatchKeys = batches.Values.Where(b => b.Provider == ProviderKind.AlibabaCloud)
            .Select(b => ProvisioningBatch.IdempotencyKeyFor(order.Id, b.Sequence)).Order().ToList();
        Assert.Equal(cloudBatchKeys, created.Select(c => c.ClientToken!).Order().ToList());
        var autoReleaseNotBefore = request.WindowEnd + options.ReleaseGrace + options.AutoReleaseMargin;
        Assert.All(calls, call =>
        {
            Assert.False(string.IsNullOrEmpty(call.ClientToken));
            Assert.NotNull(call.AutoReleaseTime);
            Assert.True(call.AutoReleaseTime >= autoReleaseNotBefore, $"AutoReleaseTime {call.AutoReleaseTime:O} is before {autoReleaseNotBefore:O}.");
            Assert.Contains(call.Tags, t => t.Key == OwnerTags.Owner && t.Value == options.Owner);
            Assert.Contains(call.Tags, t => t.Key == OwnerTags.Request && t.Value == request.Id.ToString("D"));
            Assert.Contains(call.Tags, t => t.Key == OwnerTags.Batch);
        });

        // What the providers will bill, from their own records, before release.
        var cloudCreatedAt = ecs.Instances.Where(i => rows.ContainsKey(i.InstanceId)).ToDictionary(i => i.InstanceId, i => i.CreatedAt);
        var idcAllocatedAt = heldInIdc.ToDictionary(h => h.Id, h => (h.CreatedAt, h.InstanceType));

        // Release at T2 + grace, as the recorder says.
        var releaseAt = request.WindowEnd + options.ReleaseGrace;
        await RunJobsAsync(core, request.Id, "release", until: async () => (await repository.GetAsync(request.Id)).State == RequestState.Released);
        Assert.Equal(releaseAt, clock.GetUtcNow());
        var released = await repository.GetAsync(request.Id);
        Assert.Equal(RequestState.Released, released.State);
        Assert.All(await provisioning.ListResourcesAsync(request.Id), r => Assert.Equal(ResourceState.Released, r.State));

        // Nothing of ours is left: not by owner tag in either provider, not in the emulator's own state.
        Assert.Empty(await ecsProvider.ListByOwnerTagAsync(OwnerTags.Owner, options.Owner, default));
        Assert.Empty(await idc.ListByOwnerTagAsync(OwnerTags.Owner, options.Owner, default));
        Assert.DoesNotContain(ecs.Instances, i => i.Tags.Any(t => t.Key == OwnerTags.Owner && t.Value == options.Owner));
        Assert.Equal(CloudStockPerZone, ecs.RemainingStock(heldInCloud[0].MemberZoneId, CloudType));

        // Actual spend = Σ unit-hours × price, from the providers' records, rounded once to the fen.
        decimal Hours(DateTimeOffset from) => (decimal)(releaseAt - from).Ticks / TimeSpan.TicksPerHour;
        var idcPrice = DemoTopology.IdcHostClasses.ToDictionary(h => h.Type, h => h.Price);
        var expected = Math.Round(
            cloudCreatedAt.Values.Sum(at => Hours(at) * CloudPrice) + idcAllocatedAt.Values.Sum(h => Hours(h.CreatedAt) * idcPrice[h.InstanceType]),
            2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, released.ActualSpend);
        var budget = await core.Get<BudgetRepository>().GetAsync(FlashSaleBudget);
        Assert.Equal(expected, budget.Actual);
        Assert.Equal(0m, budget.Committed);

        // The audit trail has every step, and the timeline and live updates followed along.
        var trail = (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action).ToList();
        Assert.Equal(["File", "Submit", "Approve", "Start provisioning", "Activate", "Start release", "Complete release"], trail);
        var timeline = (await provisioning.ListEventsAsync(order.Id)).Select(e => e.Message).ToList();
        Assert.Equal(batches.Count, timeline.Count(m => m.Contains("booting", StringComparison.Ordinal)));
        Assert.Contains(timeline, m => m.Contains(" Running in ", StringComparison.Ordinal));
        Assert.Contains(timeline, m => m.StartsWith("Active:", StringComparison.Ordinal));
        var states = updates.Select(u => u.State).Distinct().ToList();
        Assert.Equal([RequestState.Provisioning, RequestState.Active, RequestState.Releasing, RequestState.Released], states);
        Assert.Equal(batches.Count, updates.Count(u => u.Message?.Contains("booting", StringComparison.Ordinal) == true));
        Assert.Equal(0, updates.Last().DeliveredCores);
    }

    [Fact]
    public async Task KilledAfterRunInstances_ResumesFromTheTables_WithTheSameTokens_AndNoDuplicateOrLeak()
    {
        var clock = ConsoleCore.NewClock();
        await using var ecs = await EcsEmulatorHost.StartAsync(Emulator(), clock);
        var crash = new CrashAfterCall();
        await using var core = await StartCoreAsync(ecs, clock, services =>
            services.AddSingleton<ICapacityProvider>(sp => new CrashingProvider(sp.GetRequiredService<AlibabaCloudProvider>(), crash)));
        var request = await ApprovedAsync(core);
        var provisioning = core.Get<ProvisioningService>();
        clock.SetUtcNow(request.PrewarmAt);

        // ECS made the instances, the process dies before any of them is written down.
        crash.Armed = true;
        await Assert.ThrowsAsync<ProcessKilledException>(() => provisioning.PrewarmAsync(request.Id));
        var repository = core.Get<ProvisioningRepository>();
        Assert.DoesNotContain(await repository.ListResourcesAsync(request.Id), r => r.Provider == ProviderKind.AlibabaCloud);
        var firstCalls = ecs.RunInstancesCalls;
        Assert.NotEmpty(firstCalls);

        // The reconciler sees tagged instances of batches still in flight: not leaks, nothing deleted.
        var report = await core.Get<Scheduler.Reconciliation.Reconciler>().ReconcileAsync();
        Assert.Equal(0, report.LeaksReleased);

        // The restarted job resends the same batches with the same tokens and gets the same instances back.
        crash.Armed = false;
        await RunJobsAsync(core, request.Id, "prewarm", until: async () => (await core.Get<RequestRepository>().GetAsync(request.Id)).State == RequestState.Active);
        var calls = ecs.RunInstancesCalls;
        var created = calls.Where(c => !c.Replayed).ToList();
        Assert.Equal(firstCalls.Select(c => c.ClientToken).Order(), created.Select(c => c.ClientToken).Order());
        Assert.Equal(created.Select(c => c.ClientToken).Order(), calls.Where(c => c.Replayed).Select(c => c.ClientToken).Order());

        var resources = await repository.ListResourcesAsync(request.Id);
        var held = await core.Get<AlibabaCloudProvider>().ListByOwnerTagAsync(OwnerTags.Request, request.Id.ToString("D"), default);
        Assert.Equal(created.SelectMany(c => c.CreatedIds).Order(), held.Select(h => h.Id).Order());
        Assert.Equal(held.Select(h => h.Id).Order(), resources.Where(r => r.Provider == ProviderKind.AlibabaCloud).Select(r => r.Id).Order());
        Assert.Equal(resources.Count, resources.Select(r => r.Id).Distinct().Count());
        Assert.All(resources, r => Assert.Equal(ResourceState.Running, r.State));
    }

    /// <summary>
    /// Stands in for Hangfire: runs the recorded jobs of one kind in time order, moving the clock to
    /// each one's time, until <paramref name="until"/> holds. Returns the times it ran them at.
    /// </summary>
    private static async Task<List<DateTimeOffset>> RunJobsAsync(ConsoleCore core, Guid requestId, string job, Func<Task<bool>> until)
    {
        var ran = new List<DateTimeOffset>();
        for (var guard = 0; guard < 200 && !await until(); guard++)
        {
            var next = core.Jobs.Scheduled.Where(j => j.Job == job && j.RequestId == requestId).Select(j => j.At).Skip(ran.Count).FirstOrDefault();
            Assert.NotEqual(default, next);
            if (next > core.Clock.GetUtcNow()) core.Clock.SetUtcNow(next);
            ran.Add(next);
            if (job == "prewarm") await core.Get<ProvisioningService>().PrewarmAsync(requestId);
            else await core.Get<ReleaseService>().ReleaseAsync(requestId);
        }
        Assert.True(await until(), $"The {job} jobs did not finish.");
        return ran;
    }
}

public sealed class SqliteEndToEndTests() : EndToEndSuite(StorageProvider.Sqlite);

public sealed class PostgresEndToEndTests() : EndToEndSuite(StorageProvider.Postgres);
