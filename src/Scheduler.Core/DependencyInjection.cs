using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Jobs;
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
        // Safe production defaults (issue 10): outside Development the demo (its six sign-ins, admin
        // included, and its flash sale) is off unless Demo:Enabled / Demo:FlashSale turn it on.
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<DemoOptions>()
            .Configure(o => (o.Enabled, o.FlashSale) = (development, development))
            .BindConfiguration(DemoOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirstAdminOptions>, FirstAdminOptionsValidator>();
        services.AddOptions<SignInLockoutOptions>().BindConfiguration(SignInLockoutOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton(sp => DialectFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot));
        services.AddSingleton<Database>();
        services.AddSingleton<ExclusiveRun>();
        services.AddSingleton<Observability.DomainFigures>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoFlashSale>();

        services.AddSingleton<AuditLog>();
        services.AddLiveUpdates();
        services.AddSingleton<TopologyRepository>();
        services.AddSingleton<ZoneOverviewQuery>();
        services.AddSingleton<ZoneHealthHistory>();
        services.AddSingleton<ZoneGlanceQuery>();
        services.AddSingleton<EventTimelineQuery>();
        services.AddSingleton<EventWindowQuery>();
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
        services.AddSingleton<WorkHeartbeat>();
        services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderRevision>();
        services.AddSingleton<PrewarmFailure>();
        services.AddSingleton<ResourceRelease>();
        services.AddSingleton<CapacityRepair>();
        services.AddSingleton<RepairCandidates>();
        services.AddSingleton<CapacityShortfall>();
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
        services.AddSingleton<IPlanner>(sp => sp.GetRequiredService<Planner>());
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlannerOptions>, PlannerOptionsValidator>();
        services.AddOptions<ReportedStockOptions>().BindConfiguration(ReportedStockOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new LearnedStock(sp.GetRequiredService<IOptions<PlannerOptions>>().Value.LearnedStockDoublingPeriod,
            sp.GetRequiredService<IOptions<ReportedStockOptions>>().Value.ConfirmedByDeliveryFor));
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new StockoutMemory(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.StockoutMemory));
        services.AddSingleton<JobPassTimer>();
        services.AddOptions<JobPassOptions>().BindConfiguration(JobPassOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApprovalPreviewRepository>();
        services.AddSingleton<ApprovalPreviewRefresher>();
        services.AddSingleton<ApprovalQueue>();
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ApprovalPreviewWorker>();
        services.AddHostedService<StockoutMemorySync>();
        services.AddHostedService<LearnedStockSync>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<UserSessions>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<AccessHousekeeping>();
        services.AddSingleton<FirstAdmin>();
        services.AddSingleton<ApiKeyRepository>();
        services.AddSingleton<ApiKeyService>();
        return builder;
    }
}
