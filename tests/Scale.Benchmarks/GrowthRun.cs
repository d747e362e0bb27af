using System.Globalization;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>
/// How the dashboard, a plan preview, a reconciler pass and a capacity sampler pass grow with history
/// (issue 15): the same live state (the busy week issue 16 measured: 911 requests, 589 waiting, 5,760
/// live resources) with 1×, 10× and 100× its history — finished requests, released resources, audit
/// events and capacity samples (1× = 911, 6,378, 3,181 and one hour of per-minute samples per zone and
/// provider). None of the four shows that history, so none may grow with it.
/// </summary>
public sealed class GrowthRun(string? postgresServer)
{
    private static readonly int[] Factors = [1, 10, 100];
    private static readonly string[] Passes = ["dashboard data", "plan preview (20,000 cores)", "reconciler pass", "capacity sampler pass", "requests page 1"];

    public async Task<int> RunAsync()
    {
        var results = new Dictionary<(string Pass, int Factor), (TimeSpan P50, TimeSpan P95)>();
        var loads = new Dictionary<int, string>();
        foreach (var factor in Factors)
        {
            loads[factor] = Load();
            foreach (var (pass, figures) in await MeasureAsync(factor)) results[(pass, factor)] = figures;
            loads[factor] += " → " + Load();
        }

        Console.WriteLine();
        Console.WriteLine($"| pass | {string.Join(" | ", Factors.Select(f => $"{f}× p50 / p95"))} | 100× ÷ 1× (p50) |");
        Console.WriteLine($"|---|{string.Concat(Factors.Select(_ => "---:|"))}---:|");
        foreach (var pass in Passes)
        {
            var cells = Factors.Select(f => $"{Figures.Ms(results[(pass, f)].P50)} / {Figures.Ms(results[(pass, f)].P95)}");
            var growth = results[(pass, 100)].P50 / results[(pass, 1)].P50;
            Console.WriteLine($"| {pass} | {string.Join(" | ", cells)} | {growth.ToString("0.00", CultureInfo.InvariantCulture)} |");
        }
        foreach (var factor in Factors) Console.WriteLine($"load average during {factor}×: {loads[factor]}");
        return 0;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}");

    private async Task<List<(string Pass, (TimeSpan P50, TimeSpan P95) Figures)>> MeasureAsync(int factor)
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-growth-").FullName;
        var database = postgresServer is null ? null : $"cc_bench_{Guid.NewGuid():N}";
        if (database is not null) await JobPasses.ExecuteAsync(postgresServer!, $"CREATE DATABASE {database}");
        var (idc, cloud, jobs) = (new StandInProvider(ProviderKind.Idc), new StandInProvider(ProviderKind.AlibabaCloud), new CountingJobs());
        try
        {
            using var host = JobPasses.BuildHost(folder, postgresServer, database, idc, cloud, jobs);
            var services = host.Services;
            T Get<T>() where T : notnull => services.GetRequiredService<T>();
            await Get<StorageInitializer>().InitializeAsync();
            var db = Get<Database>();
            var now = Get<TimeProvider>().GetUtcNow();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var live = ScaleShape.Measured;
            await ScaleFill.FillAsync(db, live, now);
            var history = factor - 1;
            await HistoryFill.AddAsync(db, live.Requests * history, live.Resources * history, live.AuditEvents * history, 60 * factor, now);
            Console.WriteLine($"{db.Dialect.Describe()} at {factor}×: {live.Requests * factor:N0} requests, {live.Resources * factor:N0} resources " +
                $"({live.LiveResources:N0} live), {live.AuditEvents * factor:N0} audit events, {60 * factor} min of samples; filled in {watch.Elapsed.TotalSeconds:0.0} s");

            var owner = Get<IOptions<SchedulingOptions>>().Value.Owner;
            var held = await Get<ProvisioningRepository>().ListLiveResourcesAsync();
            foreach (var (provider, kind) in new[] { (idc, ProviderKind.Idc), (cloud, ProviderKind.AlibabaCloud) })
                provider.Hold(held.Where(r => r.Provider == kind).Select(r => new ProvidedResource(r.Id, r.MemberZoneId, r.InstanceType, "Running",
                    OwnerTags.For(owner, r.RequestId, r.BatchId ?? Guid.Empty), r.CreatedAt)).ToList());

            var requests = Get<RequestRepository>();
            var samples = Get<CapacitySampleRepository>();
            var preview = new NewCoreQuotaRequest("order-submit", 20_000, "cn-beijing", [], now.AddHours(3), now.AddHours(7), TimeSpan.FromMinutes(30),
                Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001"), "Growth benchmark preview");
            var owner2 = new Actor("owner", "trade", Role.ServiceOwner);
            var runs = new (string Pass, Func<Task<string>> Run)[]
            {
                (Passes[0], async () =>
                {
                    // What the dashboard reads: the zone overview, two glances of requests, the latest samples.
                    var overview = await Get<ZoneOverviewQuery>().GetAsync();
                    var active = await requests.PageInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing], PageRequest.First(8));
                    await requests.PageInStatesAsync([RequestState.Submitted, RequestState.Approved, RequestState.Scheduled], PageRequest.First(8));
                    var latest = await samples.ListAsync(now - TimeSpan.FromMinutes(5), now.AddSeconds(1));
                    return $"{overview.Regions.Count} regions, {active.Total:N0} running, {latest.Count} samples";
                }),
                (Passes[1], async () => $"{(await Get<RequestService>().PreviewAsync(preview, owner2)).PlannedCores:N0} cores planned"),
                (Passes[2], async () => (await Get<Reconciler>().ReconcileAsync()).RepairedAnything ? "repaired" : "nothing to repair"),
                (Passes[3], async () => $"{(await Get<CapacitySampler>().SampleAsync()).Count} samples"),
                (Passes[4], async () => $"{(await requests.PageAsync(new RequestFilter(), PageRequest.First(25))).Total:N0} requests"),
            };
            var figures = new List<(string, (TimeSpan, TimeSpan))>();
            foreach (var (pass, run) in runs)
                figures.Add((pass, await Figures.MeasureWithPercentilesAsync($"{pass} at {factor}×", 10, run)));
            Console.WriteLine();
            return figures;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (database is not null) await JobPasses.ExecuteAsync(postgresServer!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }
}
