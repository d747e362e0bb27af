using CapacityConsole.Scheduler.ProviderPort;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Providers.Metrics;

public static class ProviderMetricsSetup
{
    /// <summary>
    /// Wraps every <see cref="ICapacityProvider"/> registered so far in a <see cref="MeteredCapacityProvider"/>.
    /// Call it after the adapters are added (the host adds Alibaba Cloud after AddProviders).
    /// </summary>
    public static IServiceCollection AddProviderMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ProviderInstruments>();
        services.AddSingleton<ProviderReachability>();
        for (var i = 0; i < services.Count; i++)
        {
            var adapter = services[i];
            if (adapter.ServiceType != typeof(ICapacityProvider) || adapter.IsKeyedService) continue;
            services[i] = ServiceDescriptor.Singleton<ICapacityProvider>(sp => new MeteredCapacityProvider(
                Resolve(sp, adapter), sp.GetRequiredService<ProviderInstruments>(), sp.GetRequiredService<ProviderReachability>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        return services;
    }

    private static ICapacityProvider Resolve(IServiceProvider sp, ServiceDescriptor adapter) =>
        adapter.ImplementationInstance as ICapacityProvider
        ?? (ICapacityProvider?)adapter.ImplementationFactory?.Invoke(sp)
        ?? (ICapacityProvider)ActivatorUtilities.GetServiceOrCreateInstance(sp, adapter.ImplementationType!);
}
