using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Failover;

/// <summary>Stands in for Hangfire: records what would be scheduled; the test runs the jobs.</summary>
public sealed class RecordingJobs : IJobScheduler
{
    public List<(string Job, Guid RequestId, DateTimeOffset At)> Scheduled { get; } = [];
    public void SchedulePrewarm(Guid requestId, DateTimeOffset at) { lock (Scheduled) Scheduled.Add(("prewarm", requestId, at)); }
    public void ScheduleRelease(Guid requestId, DateTimeOffset at) { lock (Scheduled) Scheduled.Add(("release", requestId, at)); }
}

/// <summary>Stands in for Hangfire's failover job: counts what was scheduled; the test runs the executor (see <see cref="CoreHost.SetHealthAndFailOverAsync"/>).</summary>
public sealed class RecordingFailoverJobs : CapacityConsole.Scheduler.Failover.IFailoverJobs
{
    public List<string> Scheduled { get; } = [];
    public void ScheduleFailover(string actor) { lock (Scheduled) Scheduled.Add(actor); }
}

/// <summary>
/// Scheduler.Core wired as the console wires it (AddSchedulerCore) on a fresh seeded database (SQLite
/// or the PostgreSQL of ./test.sh), with in-memory providers, a clock the test moves and recorded jobs.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    public static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    public static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner);
    public static readonly Actor PlannerActor = new("planner", null, Role.Planner);
    public static readonly Actor OnCall = new("oncall", null, Role.OnCall);
    public static readonly Actor Admin = new("admin", null, Role.Admin);

    private readonly IHost _host;
    private readonly Func<Task> _drop;

    public FakeTimeProvider Clock { get; }
    public RecordingJobs Jobs { get; }
    public FakeProvider Idc { get; }
    public FakeProvider Cloud { get; }
    public RecordingFailoverJobs FailoverJobs { get; private init; } = new();
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    private CoreHost(IHost host, FakeTimeProvider clock, RecordingJobs jobs, FakeProvider idc, FakeProvider cloud, Func<Task> drop) =>
        (_host, Clock, Jobs, Idc, Cloud, _drop) = (host, clock, jobs, idc, cloud, drop);

    public static async Task<CoreHost> StartAsync(StorageProvider storage, Dictionary<string, string?>? settings = null)
    {
        settings = new Dictionary<string, string?>(settings ?? []) { ["Demo:Password"] = "core-host-demo", ["Demo:Enabled"] = "true" };
        Func<Task> drop;
        if (storage == StorageProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("cc-core-").FullName;
            settings["Storage:DataDirectory"] = folder;
            drop = () => { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); Directory.Delete(folder, true); return Task.CompletedTask; };
        }
        else
        {
            var server = PostgresDatabases.ServerConnectionString;
            var name = $"cc_core_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            drop = async () => { NpgsqlConnection.ClearAllPools(); await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"); };
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddSchedulerCore();
        var (idc, cloud, jobs) = (new FakeProvider(ProviderKind.Idc), new FakeProvider(ProviderKind.AlibabaCloud), new RecordingJobs());
        builder.Services.AddSingleton<ICapacityProvider>(idc);
        builder.Services.AddSingleton<ICapacityProvider>(cloud);
        builder.Services.AddSingleton<IJobScheduler>(jobs);
        var failoverJobs = new RecordingFailoverJobs();
        builder.Services.AddSingleton<CapacityConsole.Scheduler.Failover.IFailoverJobs>(failoverJobs);
        var host = builder.Build();
        await host.Services.GetRequiredService<StorageInitializer>().InitializeAsync();
        return new CoreHost(host, clock, jobs, idc, cloud, drop) { FailoverJobs = failoverJobs };
    }

    /// <summary>A hot-cache request (IDC only, brief §5.1) filed, approved, pre-warmed and Active, with the clock at its window's start.</summary>
    public async Task<CoreQuotaRequest> ActiveRequestAsync(int cores = 1920)
    {
        var request = await ApprovedRequestAsync(cores);
        Clock.SetUtcNow(request.PrewarmAt);
        await Get<ProvisioningService>().PrewarmAsync(request.Id);
        Clock.SetUtcNow(request.WindowStart);
        return await Get<RequestRepository>().GetAsync(request.Id);
    }

    public async Task<CoreQuotaRequest> ApprovedRequestAsync(int cores = 1920)
    {
        var now = Clock.GetUtcNow();
        var input = new NewCoreQuotaRequest("product-detail-cache", cores, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak");
        var requests = Get<RequestService>();
        var filed = await requests.FileAsync(input, Owner, submit: true);
        return await requests.ApproveAsync(filed.Id, PlannerActor, null);
    }

    /// <summary>
    /// On-call changes a zone's health; then, as Hangfire would, the failover job the change scheduled
    /// runs, and its report is returned with the change.
    /// </summary>
    public async Task<CapacityConsole.Scheduler.Failover.FailoverResult> SetHealthAndFailOverAsync(
        string internalZoneId, string? memberZoneId, ZoneHealth health, string reason, Actor actor, CancellationToken ct)
    {
        var result = await Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync(internalZoneId, memberZoneId, health, reason, actor, ct);
        if (!result.FailoverScheduled) return result;
        return result with { Requests = await Get<CapacityConsole.Scheduler.Failover.FailoverExecutor>().FailOverAllAsync(actor.UserName, ct) };
    }

    /// <summary>Every live update published while <paramref name="key"/> is watched.</summary>
    public List<LiveUpdate> Watch(string key)
    {
        var seen = new List<LiveUpdate>();
        Get<LiveNotifier>().Subscribe(key, u => { lock (seen) seen.Add(u); });
        return seen;
    }

    public async Task<IReadOnlySet<string>> MemberZonesOfAsync(string internalZoneId) =>
        (await Get<TopologyRepository>().GetSnapshotAsync()).MemberZones
            .Where(m => m.InternalZoneId == internalZoneId).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _drop();
    }
}
