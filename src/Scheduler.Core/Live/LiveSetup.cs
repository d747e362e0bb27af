using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Scheduler.Live;

public static class LiveSetup
{
    /// <summary>
    /// The notifier and its relay to the other instances: LISTEN/NOTIFY on PostgreSQL (several
    /// instances share it), nothing on SQLite (one process owns the file).
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddOptions<LiveFanOutOptions>().BindConfiguration(LiveFanOutOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<SqlDialect>() is PostgresDialect ? new LiveRelayStatus() : LiveRelayStatus.InProcess());
        services.AddSingleton<ILiveRelay>(sp => sp.GetRequiredService<SqlDialect>() is PostgresDialect pg
            ? new PostgresLiveRelay(pg.DataSource, sp.GetRequiredService<LiveRelayStatus>(), sp, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresLiveRelay>>())
            : new InProcessLiveRelay());
        services.AddSingleton<IHostedService>(sp => (IHostedService)sp.GetRequiredService<ILiveRelay>());
        services.AddSingleton(sp => new LiveNotifier(sp.GetRequiredService<ILogger<LiveNotifier>>(), sp.GetRequiredService<ILiveRelay>()));
        return services;
    }
}
