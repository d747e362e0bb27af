using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddSchedulerCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton(sp => DialectFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot));
        services.AddSingleton<Database>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoFlashSale>();

        services.AddSingleton<AuditLog>();
        services.AddSingleton<LiveNotifier>();
        services.AddSingleton<TopologyRepository>();
        services.AddSingleton<ZoneOverviewQuery>();
        services.AddSingleton<OfferingRefresh>();
        services.AddSingleton<ServiceRepository>();
        services.AddSingleton<ServiceAdministration>();
        services.AddSingleton<BudgetRepository>();
        services.AddSingleton<BudgetService>();
        services.AddSingleton<RequestRepository>();
        services.AddSingleton<RequestService>();
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<ProvisioningRepository>();
        services.AddSingleton<ProvisioningService>();
        services.AddSingleton<BatchLauncher>();
        services.AddSingleton<BootConfirmer>();
        services.AddSingleton<LeadTimeHistory>();
        services.AddSingleton<LeadTimeEstimator>();
        services.AddOptions<LeadTimeOptions>().BindConfiguration(LeadTimeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<AccrualService>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<ZoneHealthStore>();
        services.AddSingleton<FailoverReplanner>();
        services.AddSingleton<FailoverRelease>();
        services.AddSingleton<FailoverExecutor>();
        services.AddSingleton<FailoverService>();
        services.AddSingleton<EmergencyBurst>();
        services.AddSingleton<ZoneLossWhatIf>();
        services.AddSingleton<CapacitySampleRepository>();
        services.AddSingleton<CapacitySampler>();
        services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlanRepository>();
        services.AddSingleton<PlanningService>();
        services.AddSingleton<Planner>();
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlannerOptions>, PlannerOptionsValidator>();
        services.AddSingleton(sp => new LearnedStock(sp.GetRequiredService<IOptions<PlannerOptions>>().Value.LearnedStockDoublingPeriod));
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new StockoutMemory(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.StockoutMemory));
        services.AddSingleton<UserRepository>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<ApiKeyService>();
        return builder;
    }
}
