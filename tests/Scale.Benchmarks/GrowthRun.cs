using System.Diagnostics;
using System.Globalization;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>
/// How the dashboard, a plan preview, a reconciler pass and a capacity sampler pass grow with history
/// (issue 15): the same live state (the busy week issue 16 measured: 911 requests, 589 waiting, 5,760
/// live resources) with 1×, 10× and 100× its history — finished requests with their plans, released
/// resources, audit events and capacity samples (1× = 911, 6,378, 3,181 and one hour of per-minute
/// samples per zone and provider). None of the passes shows that history, so none may grow with it.
/// Every size is filled first and the sizes are then timed in turn, run after run, so that the
/// machine's load and the JIT's warming fall on all of them alike.
/// </summary>
public sealed class GrowthRun(string? postgresServer, IReadOnlyList<int> factors)
{
    private const int Runs = 20;
    private static readonly string[] Passes = ["dashboard data", "plan preview (20,000 cores)", "reconciler pass", "capacity sampler pass", "requests page 1"];

    /// <summary>
    /// [postgres-server-connection-string] [factors]: without a server, SQLite; factors such as "1,100"
    /// (default 1,10,100) measure fewer sizes, e.g. to look at one size's query plans.
    /// </summary>
    public static GrowthRun FromArguments(string[] args)
    {
        static bool IsFactors(string a) => a.Split(',').All(f => int.TryParse(f, CultureInfo.InvariantCulture, out var n) && n >= 1);
        var factors = args.FirstOrDefault(IsFactors)?.Split(',').Select(f => int.Parse(f, CultureInfo.InvariantCulture)).Distinct().Order().ToArray() ?? [1, 10, 100];
        var server = args.FirstOrDefault(a => !IsFactors(a)) ?? Environment.GetEnvironmentVariable("CAPACITY_BENCH_POSTGRES");
        return new GrowthRun(server, factors);
    }

    public async Task<int> RunAsync()
    {
        var sizes = new List<Size>();
        try
        {
            foreach (var factor in factors) sizes.Add(await FillAsync(factor));
            Console.WriteLine();

            var results = new Dictionary<(string Pass, int Factor), (TimeSpan P50, TimeSpan P95)>();
            var loads = new List<string>();
            for (var p = 0; p < Passes.Length; p++)
            {
                var before = Load();
                foreach (var size in sizes) await size.Runs[p](); // warms the JIT, the pool and the caches; not counted
                var times = sizes.ToDictionary(s => s.Factor, _ => new List<TimeSpan>());
                var notes = new Dictionary<int, string>();
                for (var i = 0; i < Runs; i++)
                    foreach (var size in sizes)
                    {
                        var watch = Stopwatch.StartNew();
                        notes[size.Factor] = await size.Runs[p]();
                        times[size.Factor].Add(watch.Elapsed);
                    }
                loads.Add($"{Passes[p]}: {before} → {Load()}");
                foreach (var size in sizes)
                {
                    var figures = Percentiles(times[size.Factor]);
                    results[(Passes[p], size.Factor)] = figures;
                    Console.WriteLine($"{Passes[p] + $" at {size.Factor}×",-42} p50 {Figures.Ms(figures.P50),9}  p95 {Figures.Ms(figures.P95),9}  ({Runs} runs; {notes[size.Factor]})");
                }
            }

            var (smallest, largest) = (factors[0], factors[^1]);
            Console.WriteLine();
            Console.WriteLine($"| pass | {string.Join(" | ", factors.Select(f => $"{f}× p50 / p95"))} | {largest}× ÷ {smallest}× (p50) |");
            Console.WriteLine($"|---|{string.Concat(factors.Select(_ => "---:|"))}---:|");
            foreach (var pass in Passes)
            {
                var cells = factors.Select(f => $"{Figures.Ms(results[(pass, f)].P50)} / {Figures.Ms(results[(pass, f)].P95)}");
                var growth = results[(pass, largest)].P50 / results[(pass, smallest)].P50;
                Console.WriteLine($"| {pass} | {string.Join(" | ", cells)} | {growth.ToString("0.00", CultureInfo.InvariantCulture)} |");
            }
            Console.WriteLine("load average (1, 5, 15 min) at the start and end of each pass's runs:");
            foreach (var load in loads) Console.WriteLine($"  {load}");
            return 0;
        }
        finally
        {
            foreach (var size in sizes) await size.DisposeAsync();
        }
    }

    private static (TimeSpan P50, TimeSpan P95) Percentiles(List<TimeSpan> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)]);
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}");

    /// <summary>One filled database with the console's services on it, and the passes to time.</summary>
    private sealed class Size(int factor, IHost host, string folder, string? postgresServer, string? database) : IAsyncDisposable
    {
        public int Factor => factor;
        public IHost Host => host;
        public IReadOnlyList<Func<Task<string>>> Runs { get; set; } = [];

        public async ValueTask DisposeAsync()
        {
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            // CAPACITY_BENCH_KEEP=1 leaves the filled PostgreSQL database behind, to EXPLAIN its queries by hand.
            if (database is not null && Environment.GetEnvironmentVariable("CAPACITY_BENCH_KEEP") == "1")
                Console.WriteLine($"kept database {database} ({factor}×)");
            else if (database is not null)
                await JobPasses.ExecuteAsync(postgresServer!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<Size> FillAsync(int factor)
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-growth-").FullName;
        var database = postgresServer is null ? null : $"cc_bench_{Guid.NewGuid():N}";
        if (database is not null) await JobPasses.ExecuteAsync(postgresServer!, $"CREATE DATABASE {database}");
        var (idc, cloud, jobs) = (new StandInProvider(ProviderKind.Idc), new StandInProvider(ProviderKind.AlibabaCloud), new CountingJobs());
        var size = new Size(factor, JobPasses.BuildHost(folder, postgresServer, database, idc, cloud, jobs), folder, postgresServer, database);
        var services = size.Host.Services;
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        await Get<StorageInitializer>().InitializeAsync();
        var db = Get<Database>();
        var now = Get<TimeProvider>().GetUtcNow();
        var watch = Stopwatch.StartNew();
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
        size.Runs =
        [
            async () =>
            {
                // What the dashboard reads (Dashboard.razor.cs LoadAsync): the zone overview and its glance,
                // two glances of requests, the names of their services, the latest samples.
                var overview = await Get<ZoneOverviewQuery>().GetAsync();
                var glance = await Get<ZoneGlanceQuery>().GetAsync(overview);
                var active = await requests.PageInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing], PageRequest.First(8));
                var upcoming = await requests.PageInStatesAsync([RequestState.Submitted, RequestState.Approved, RequestState.Scheduled], PageRequest.First(8));
                await Get<ServiceRepository>().NamesAsync(active.Items.Concat(upcoming.Items).Select(r => r.ServiceId));
                var latest = await samples.ListAsync(now - TimeSpan.FromMinutes(5), now.AddSeconds(1));
                return $"{overview.Regions.Count} regions, {glance.Zones.Count} zones, {active.Total:N0} running, {latest.Count} samples";
            },
            async () => $"{(await Get<RequestService>().PreviewAsync(preview, owner2)).PlannedCores:N0} cores planned",
            async () => (await Get<Reconciler>().ReconcileAsync()).RepairedAnything ? "repaired" : "nothing to repair",
            async () => $"{(await Get<CapacitySampler>().SampleAsync()).Count} samples",
            async () => $"{(await requests.PageAsync(new RequestFilter(), PageRequest.First(25))).Total:N0} requests",
        ];
        return size;
    }
}
