using Microsoft.Extensions.Hosting;

namespace CapacityConsole.Providers;

public static class DependencyInjection
{
    /// <summary>Registers the adapters behind Scheduler.Core's provider port.</summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder) => builder;
}
