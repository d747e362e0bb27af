using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Auth;
using CapacityConsole.Scheduler.Requests;
using Hangfire;
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
        // Resolved from validated options, so a bad Storage section stops the start with its message.
        services.AddHangfire((sp, config) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.Provider == StorageProvider.Postgres)
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(storage.PostgresConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire" });
            else
                config.UseInMemoryStorage();
        });
        // Two cores: a handful of workers is plenty, the jobs mostly wait on providers.
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2));
        services.AddHostedService<JobRegistration>();
        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        return services;
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

    private sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Policies.Admin);
    }
}
