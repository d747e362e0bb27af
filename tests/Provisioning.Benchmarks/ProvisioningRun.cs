using System.Diagnostics;
using System.Globalization;
using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DemoTopology = CapacityConsole.Scheduler.Seeding.DemoTopology;

namespace CapacityConsole.Provisioning.Benchmarks;

/// <summary>
/// One measured pre-warm: a Stateless request for <see cref="Cores"/> cores, approved, then run
/// through the real executor (SQLite), the real ECS client over loopback HTTP and the in-process
/// emulator with the limits of <see cref="BenchLimits"/>, on the system clock. Measures from the
/// first pre-warm pass to Active (every instance Running), then checks leaks and duplicates,
/// releases everything and checks the emulator holds nothing of ours.
/// </summary>
public sealed class ProvisioningRun(int cores, string instanceType, int coresPerUnit, decimal pricePerHour, BenchLimits limits)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private const int StockPerZone = 5000;

    public int Cores => cores;

    public async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-prov-").FullName;
        await using var ecs = await EcsEmulatorHost.StartAsync(Emulator());
        var jobs = new BenchJobScheduler();
        using var host = BuildHost(folder, ecs, jobs);
        try
        {
            return await MeasureAsync(host.Services, ecs, jobs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<int> MeasureAsync(IServiceProvider services, EcsEmulatorHost ecs, BenchJobScheduler jobs)
    {
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        await Get<StorageInitializer>().InitializeAsync();
        var refresh = await Get<OfferingRefresh>().RefreshAsync();
        Console.WriteLine($"offerings refreshed: {refresh.ZonesRefreshed} zones, {refresh.ZonesFailed} failed");

        var now = DateTimeOffset.UtcNow;
        var requests = Get<RequestService>();
        // Share 0.75: losing any of the 4 internal zones keeps 75% — the plan then holds exactly the requested cores.
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("order-submit", cores, "cn-beijing", [], now.AddHours(1), now.AddHours(5),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Provisioning benchmark", SurvivableShare: 0.75m), new Actor("owner", "trade", Role.ServiceOwner), submit: true);
        var request = await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), null);
        var plan = (await Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        var units = plan.Allocations.Sum(a => a.Units);
        var calls = LowerBound.Calls(plan.Allocations.Select(a => a.Units), limits.MaxAmount);
        Console.WriteLine($"plan: {plan.PlannedCores:N0} cores = {units:N0} × {instanceType} in {plan.Allocations.Count} allocations " +
            $"({string.Join(", ", plan.Allocations.GroupBy(a => a.MemberZoneId).Select(g => $"{g.Key} {g.Sum(a => a.Units)}"))}); {calls} RunInstances calls");
        jobs.TakePrewarm(); // the approval's T1 − lead job: the benchmark starts it now instead

        using var progress = Progress(Get<LiveNotifier>(), request.Id);
        var repository = Get<RequestRepository>();
        var provisioning = Get<ProvisioningService>();
        var t0 = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var passes = 0;
        while (true)
        {
            passes++;
            await provisioning.PrewarmAsync(request.Id);
            if ((await repository.GetAsync(request.Id)).State == RequestState.Active) break;
            var at = jobs.TakePrewarm() ?? throw new InvalidOperationException("Not Active and no pre-warm scheduled.");
            var wait = at - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        var achieved = watch.Elapsed;
        var bound = LowerBound.LastRunningAt(t0, calls, units, limits) - t0;

        var (leaked, duplicated, recorded) = await CheckAsync(services, ecs, request.Id);
        var releaseWatch = Stopwatch.StartNew();
        await Get<ReleaseService>().ReleaseAsync(request.Id);
        var releaseTime = releaseWatch.Elapsed;
        var left = ecs.Instances.Count(i => i.Tags.Any(t => t.Key == OwnerTags.Owner));
        var spend = (await repository.GetAsync(request.Id)).ActualSpend;

        var ratio = achieved / bound;
        Console.WriteLine();
        Console.WriteLine($"cores provisioned   {recorded.Cores:N0} ({recorded.Count:N0} instances, all Running)");
        Console.WriteLine($"pre-warm passes     {passes} (first sends every batch; the others confirm Running)");
        Console.WriteLine($"achieved            {Seconds(achieved)}  (first pre-warm pass → Active)");
        Console.WriteLine($"lower bound         {Seconds(bound)}  ({calls} RunInstances ≤ {limits.RunInstancesPerSecond}/s, ≤ {limits.RunInstancesPerMinute}/min; " +
            $"{units:N0} instances ≤ {limits.InstancesPerMinute}/min; + boot {limits.BootDelay.TotalSeconds:0} s; started {t0:HH:mm:ss.f})");
        Console.WriteLine($"call latency        {Seconds(limits.CallLatency)} per RunInstances / DescribeInstances; transient errors {limits.TransientErrorRate:P0} of them " +
            $"({ecs.RunInstancesCalls.Count:N0} RunInstances answered OK)");
        Console.WriteLine($"ratio               {ratio.ToString("0.000", CultureInfo.InvariantCulture)}  (target ≤ 1.10)");
        Console.WriteLine($"leaked              {leaked}");
        Console.WriteLine($"duplicated          {duplicated}");
        Console.WriteLine($"released            {Seconds(releaseTime)}; left in the emulator under our tag: {left}; actual spend {spend:N2} CNY");
        return leaked == 0 && duplicated == 0 && left == 0 ? 0 : 1;
    }

    /// <summary>
    /// Leaked: instances the emulator holds under our owner tag that no resource row records.
    /// Duplicated: rows sharing an instance id, ClientTokens that created instances more than once,
    /// batches holding more instances than they asked for.
    /// </summary>
    private static async Task<(int Leaked, int Duplicated, (int Count, int Cores) Recorded)> CheckAsync(IServiceProvider services, EcsEmulatorHost ecs, Guid requestId)
    {
        var provisioning = services.GetRequiredService<ProvisioningRepository>();
        var owner = services.GetRequiredService<IOptions<SchedulingOptions>>().Value.Owner;
        var rows = await provisioning.ListResourcesAsync(requestId);
        var recorded = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var ours = ecs.Instances.Where(i => i.Tags.Any(t => t.Key == OwnerTags.Owner && t.Value == owner)).ToList();
        var leaked = ours.Count(i => !recorded.Contains(i.InstanceId));

        var order = (await provisioning.GetOrderAsync(requestId))!;
        var asked = (await provisioning.ListBatchesAsync(order.Id)).ToDictionary(b => b.Id.ToString("D"), b => b.Units);
        var created = ecs.RunInstancesCalls.Where(c => !c.Replayed).ToList();
        var duplicated = rows.Count - recorded.Count
            + created.GroupBy(c => c.ClientToken).Sum(g => g.Key is null ? g.Count() : g.Count() - 1)
            + ours.GroupBy(i => i.Tags.First(t => t.Key == OwnerTags.Batch).Value).Sum(g => Math.Max(0, g.Count() - asked.GetValueOrDefault(g.Key)));
        if (rows.Any(r => r.State != ResourceState.Running)) throw new InvalidOperationException("Active with resources not Running.");
        return (leaked, duplicated, (rows.Count, rows.Sum(r => r.Cores)));
    }

    private static IDisposable Progress(LiveNotifier live, Guid requestId)
    {
        var watch = Stopwatch.StartNew();
        var last = TimeSpan.FromSeconds(-10);
        var gate = new Lock();
        return live.Subscribe(LiveKeys.Request(requestId), update =>
        {
            if (update is not RequestProgressed p) return;
            lock (gate)
            {
                if (watch.Elapsed - last < TimeSpan.FromSeconds(10) && p.State == RequestState.Provisioning) return;
                last = watch.Elapsed;
                Console.WriteLine($"  +{watch.Elapsed.TotalSeconds,6:0.0} s  {p.State,-12} {p.DeliveredCores,9:N0} cores held   {p.Message}");
            }
        });
    }

    private EcsEmulatorOptions Emulator() => new()
    {
        BootDelay = limits.BootDelay,
        MaxInstancesCreatedPerMinute = limits.InstancesPerMinute,
        RateLimits = new EmulatorRateLimits
        {
            PerAction = { ["RunInstances"] = new EmulatorApiLimit { PerSecond = limits.RunInstancesPerSecond, PerMinute = limits.RunInstancesPerMinute } },
        },
        Faults = Faults(),
        // The demo's cloud zones, each selling the benchmark's one instance type.
        Regions = DemoTopology.CloudZones.GroupBy(z => z.RegionId).Select(region => new EmulatorRegion
        {
            RegionId = region.Key,
            Zones = region.Select(z => new EmulatorZone
            {
                ZoneId = z.ZoneId,
                Offerings = [new() { InstanceType = instanceType, Cores = coresPerUnit, MemoryGiB = coresPerUnit * 2, Stock = StockPerZone, PricePerHour = pricePerHour }],
            }).ToList(),
        }).ToList(),
    };

    /// <summary>The two calls a provisioning run makes over and over: the launch and the poll for Running.</summary>
    private EmulatorFaultOptions Faults()
    {
        var faults = new EmulatorFaultOptions();
        foreach (var action in new[] { "RunInstances", "DescribeInstances" })
        {
            if (limits.CallLatency > TimeSpan.Zero) faults.ActionLatency[action] = limits.CallLatency;
            if (limits.TransientErrorRate > 0) faults.ErrorRates[action] = limits.TransientErrorRate;
        }
        return faults;
    }

    private IHost BuildHost(string folder, EcsEmulatorHost ecs, BenchJobScheduler jobs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = folder,
            ["Demo:Password"] = "benchmark-demo",
            ["Demo:Enabled"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Each creation-cap throttle is retried at the next minute by design; Polly would log every one.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        builder.AddSchedulerCore();
        builder.AddProviders();
        builder.AddAlibabaCloudEcs(o =>
        {
            o.Endpoint = ecs.BaseAddress;
            o.AccessKeyId = ecs.Credentials.AccessKeyId;
            o.AccessKeySecret = ecs.Credentials.AccessKeySecret;
            o.Regions = [.. ecs.RegionIds];
            o.RequestsPerSecond["RunInstances"] = limits.ClientRunInstancesPerSecond;
        });
        // The emulator's stock is a number; ECS only says "WithStock". Tell the scheduler the number.
        builder.Services.Configure<ReportedStockOptions>(o => o.AssumedUnitsWithStock = StockPerZone);
        builder.Services.AddSingleton<IJobScheduler>(jobs);
        return builder.Build();
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
