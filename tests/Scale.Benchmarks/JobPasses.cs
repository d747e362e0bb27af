using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>
/// The recurring jobs and the page queries at 10,000 live resources and 1,000 requests waiting for
/// approval (issue 16), through Scheduler.Core as the console wires it, on SQLite (the embedded
/// default) or on PostgreSQL when a server is named.
/// </summary>
public sealed class JobPasses(string? postgresServer)
{
    public static readonly ScaleShape Shape = new(Requests: 2_000, Waiting: 1_000, Resources: 12_000, LiveResources: 10_000, AuditEvents: 6_400);
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(100);

    public async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-scale-").FullName;
        var database = postgresServer is null ? null : $"cc_bench_{Guid.NewGuid():N}";
        if (database is not null) await ExecuteAsync(postgresServer!, $"CREATE DATABASE {database}");
        var (idc, cloud, jobs) = (new StandInProvider(ProviderKind.Idc), new StandInProvider(ProviderKind.AlibabaCloud), new CountingJobs());
        try
        {
            using var host = BuildHost(folder, postgresServer, database, idc, cloud, jobs);
            return await MeasureAsync(host.Services, idc, cloud, jobs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (database is not null) await ExecuteAsync(postgresServer!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<int> MeasureAsync(IServiceProvider services, StandInProvider idc, StandInProvider cloud, CountingJobs jobs)
    {
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        await Get<StorageInitializer>().InitializeAsync();
        var db = Get<Database>();
        var now = Get<TimeProvider>().GetUtcNow();
        var fillWatch = System.Diagnostics.Stopwatch.StartNew();
        var filled = await ScaleFill.FillAsync(db, Shape, now);
        Console.WriteLine($"{db.Dialect.Describe()}: filled {Shape.Requests:N0} requests ({Shape.Waiting:N0} waiting), {Shape.Resources:N0} resources " +
            $"({Shape.LiveResources:N0} live), {Shape.AuditEvents:N0} audit events in {fillWatch.Elapsed.TotalSeconds:0.0} s");

        // The providers hold exactly the live units the tables record: a pass finds no drift to repair.
        var owner = Get<IOptions<SchedulingOptions>>().Value.Owner;
        var live = await Get<ProvisioningRepository>().ListLiveResourcesAsync();
        foreach (var (provider, kind) in new[] { (idc, ProviderKind.Idc), (cloud, ProviderKind.AlibabaCloud) })
            provider.Hold(live.Where(r => r.Provider == kind).Select(r => new ProvidedResource(r.Id, r.MemberZoneId, r.InstanceType, "Running",
                OwnerTags.For(owner, r.RequestId, r.BatchId ?? Guid.Empty), r.CreatedAt)).ToList());
        Console.WriteLine();

        var slow = 0;
        async Task Check(string name, int runs, Func<Task<string>> run, TimeSpan? target = null)
        {
            if (await Figures.MeasureAsync(name, runs, run, target) > (target ?? TimeSpan.MaxValue)) slow++;
        }

        await Check("reconciler pass", 10, async () =>
        {
            var report = await Get<Reconciler>().ReconcileAsync();
            return $"{live.Count:N0} live scanned, repaired {(report.RepairedAnything ? report.ToString() : "nothing")}";
        }, Target);
        await Check("capacity sampler pass", 10, async () => $"{(await Get<CapacitySampler>().SampleAsync()).Count} samples", Target);
        await Check("lead-time history (preview estimate)", 20, async () => $"{(await Get<LeadTimeHistory>().LearnAsync(20)).Count} providers learned");
        await Check("zone overview (dashboard)", 20, async () => $"{(await Get<ZoneOverviewQuery>().GetAsync()).Regions.Count} regions");

        var refresh = System.Diagnostics.Stopwatch.StartNew();
        var report = await Get<ApprovalPreviewRefresher>().RefreshAsync();
        var noPlan = await CountAsync(db, "SELECT COUNT(*) FROM approval_previews WHERE plan_json IS NULL");
        Console.WriteLine($"{"approval previews, first pass (background)",-42} {Figures.Ms(refresh.Elapsed),9}  (re-planned {report.Replanned:N0} of {report.Waiting:N0} waiting; {noPlan:N0} without a plan, e.g. budget spent)");
        await Check("approval previews, pass with nothing changed", 10, async () =>
            $"re-planned {(await Get<ApprovalPreviewRefresher>().RefreshAsync()).Replanned}", Target);
        var queue = Get<ApprovalQueue>();
        await Check("approvals page data (page 1 of 10)", 20, async () =>
        {
            var page = await queue.PageAsync(new PageRequest(1, 10));
            return $"{page.Items.Count} of {page.Total:N0} waiting, {page.Items.Count(r => r.IsStale)} stale";
        }, Target);
        await Check("approvals page data (last page)", 20, async () =>
        {
            var page = await queue.PageAsync(new PageRequest(100, 10));
            return $"{page.Items.Count} rows";
        }, Target);
        await Check("requests page data (search 'user1')", 20, async () =>
            $"{(await Get<RequestRepository>().PageAsync(new RequestFilter(Search: "user1"), PageRequest.First(25))).Total:N0} match", Target);
        await Check("request details: resources page 40", 20, async () =>
            $"{(await Get<ProvisioningRepository>().PageResourcesAsync(filled.HotRequest, new PageRequest(40, 25))).Items.Count} rows", Target);
        await Check("budget details: audit page 1", 20, async () =>
            $"{(await Get<AuditLog>().PageAsync("Budget", filled.HotBudget.ToString(), PageRequest.First(25))).Total:N0} events", Target);

        Console.WriteLine();
        Console.WriteLine(slow == 0 ? "every pass with a target met it" : $"{slow} passes over their target");
        return slow == 0 ? 0 : 1;
    }

    internal static IHost BuildHost(string folder, string? postgresServer, string? database, StandInProvider idc, StandInProvider cloud, CountingJobs jobs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = folder,
            ["Demo:Enabled"] = "true", // the fill builds on the demo topology; outside Development the demo is off by default
            ["Demo:Password"] = "benchmark-demo",
            ["Approvals:RefreshInBackground"] = "false",
        };
        if (database is not null)
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ToString();
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSchedulerCore();
        builder.Services.AddSingleton<ICapacityProvider>(idc);
        builder.Services.AddSingleton<ICapacityProvider>(cloud);
        builder.Services.AddSingleton<IJobScheduler>(jobs);
        return builder.Build();
    }

    private static async Task<long> CountAsync(Database db, string sql)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
