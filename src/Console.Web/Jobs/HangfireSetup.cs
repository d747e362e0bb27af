using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Auth;
using CapacityConsole.Scheduler.Requests;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Hangfire runs the scheduler's jobs. The embedded default keeps jobs in memory: the domain
/// tables are the source of truth and the reconciler re-derives lost jobs after a restart.
/// On PostgreSQL, jobs live in the same database so several console instances run each job once.
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddConsoleJobs(this IServiceCollection services)
    {
        InitializeHangfireStatics();

        // Hangfire.AspNetCore registers JobStorage and JobActivator as "whatever the process-wide
        // JobStorage.Current / JobActivator.Current is when first resolved". With more than one host
        // in a process (the web tests build one per test class, in parallel) another host's
        // configuration can overwrite those statics in between: this host then enqueues into, and
        // on dispose disposes, another host's storage, and its jobs run in another host's container.
        // Both are registered here first (AddHangfire only TryAdds them), each host with its own.
        services.AddSingleton<HangfireStorageHolder>();
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>(); // runs the callback below, which creates the storage
            return sp.GetRequiredService<HangfireStorageHolder>().Storage
                ?? throw new InvalidOperationException("Hangfire's storage was not created by the configuration callback.");
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));

        // Resolved from validated options, so a bad Storage section stops the start with its message.
        services.AddHangfire((sp, config) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // Replaces the provider AddHangfire just set (this host's LoggerFactory in a static, which
            // another host in the process then uses after this one disposed it).
            HostLogProvider.Instance.Use(sp.GetRequiredService<ILoggerFactory>());
            config.UseLogProvider(HostLogProvider.Instance);
            var holder = sp.GetRequiredService<HangfireStorageHolder>();
            // The storage object is kept from the call that creates it, never read back from JobStorage.Current.
            if (storage.Provider == StorageProvider.Postgres)
                holder.Storage = config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(storage.PostgresConnectionString),
                    // A killed console's lock rows (recurring-job triggers, the jobs still on DisableConcurrentExecution)
                    // block everyone until this age: one minute, not Hangfire's ten, so a restart is back in step within one.
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", DistributedLockTimeout = TimeSpan.FromMinutes(1) }).Entry;
            else
                holder.Storage = config.UseInMemoryStorage().Entry;
        });
        services.AddHangfireServer((sp, o) => ConfigureServer(o, sp.GetRequiredService<IOptions<SchedulingOptions>>().Value));
        services.AddHostedService<JobRegistration>();
        services.AddSingleton<HangfireJobScheduler>();
        services.AddSingleton<IJobScheduler>(sp => sp.GetRequiredService<HangfireJobScheduler>());
        services.AddSingleton<CapacityConsole.Scheduler.Failover.IFailoverJobs>(sp => sp.GetRequiredService<HangfireJobScheduler>());
        return services;
    }

    /// <summary>
    /// Two cores: a handful of workers is plenty, the jobs mostly wait on providers. The pre-warm's boot
    /// re-check is a delayed job; Hangfire looks for due delayed jobs every 15 s by default, so that
    /// look-up runs at the boot poll interval instead (2 s by default: one cheap query), or the re-check
    /// would come up to 15 s late and the request turn Active that much after its units are Running.
    /// </summary>
    public static void ConfigureServer(BackgroundJobServerOptions server, SchedulingOptions scheduling)
    {
        server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
        server.SchedulePollingInterval = scheduling.BootPollInterval;
    }

    public static IEndpointRouteBuilder MapConsoleJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "CapacityConsole jobs",
            // Replaces Hangfire's default local-requests-only filter: admins only, from anywhere.
            Authorization = [new AdminDashboardFilter()],
            AppPath = "/",
        }).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// Runs Hangfire's static constructors once, in their own order. GlobalJobFilters' constructor
    /// builds a ContinuationsSupportAttribute, which reads JobFilterProviders.Providers, whose
    /// constructor reads GlobalJobFilters.Filters. Two threads entering the pair from opposite ends
    /// at once (two hosts starting, or a request and a Hangfire worker) deadlock in the runtime's
    /// type initialization; the runtime breaks it by handing one thread the other type uninitialized
    /// (Providers still null), the constructor throws, and every later Hangfire call in the process
    /// fails with "The type initializer for 'Hangfire.GlobalJobFilters' threw an exception".
    /// Entering through GlobalJobFilters first, on one thread, under a lock, has no cycle.
    /// </summary>
    private static void InitializeHangfireStatics()
    {
        lock (StaticsGate)
        {
            _ = GlobalJobFilters.Filters;
            _ = JobFilterProviders.Providers;
        }
    }

    private static readonly object StaticsGate = new();

    /// <summary>The host's own Hangfire storage, as the configuration callback created it.</summary>
    private sealed class HangfireStorageHolder
    {
        public JobStorage? Storage { get; set; }
    }

    private sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Policies.Admin);
    }
}
