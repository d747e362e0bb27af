using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CapacityConsole.Providers;

public static class DependencyInjection
{
    /// <summary>Registers the adapters behind Scheduler.Core's provider port.</summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IdcInventory>();
        builder.Services.AddSingleton<IdcProvider>();
        builder.Services.AddSingleton<ICapacityProvider>(sp => sp.GetRequiredService<IdcProvider>());
        builder.Services.AddSingleton<ISeedContributor, IdcDemoInventory>();
        return builder;
    }
}
