using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Http;
using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace CapacityConsole.Providers;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the IDC provider (our own host inventory) behind Scheduler.Core's provider port.
    /// Alibaba Cloud is added with <see cref="AddAlibabaCloudEcs(IServiceCollection, Action{EcsClientOptions}?)"/>,
    /// because where it points (the real service or the emulator) is the host's decision.
    /// </summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IdcInventory>();
        builder.Services.AddSingleton<IdcProvider>();
        builder.Services.AddSingleton<ICapacityProvider>(sp => sp.GetRequiredService<IdcProvider>());
        builder.Services.AddSingleton<ISeedContributor, IdcDemoInventory>();
        return builder;
    }

    /// <summary>
    /// Registers <see cref="EcsClient"/> and <see cref="AlibabaCloudProvider"/> (also as an
    /// <see cref="ICapacityProvider"/>), bound to the "Providers:AlibabaCloud" section.
    /// <paramref name="configure"/> runs after binding: Console.Web uses it to point the client at an
    /// in-process emulator (Endpoint, AccessKeyId, AccessKeySecret, Regions).
    /// </summary>
    public static IServiceCollection AddAlibabaCloudEcs(this IServiceCollection services, Action<EcsClientOptions>? configure = null)
    {
        if (services.Any(d => d.ServiceType == typeof(EcsClient))) return services; // registered once, one ICapacityProvider
        var options = services.AddOptions<EcsClientOptions>().BindConfiguration(EcsClientOptions.SectionName);
        if (configure is not null) options.Configure(configure);
        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<EcsClientOptions>, EcsCredentialsFromEnvironment>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EcsClientOptions>, EcsClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddTransient<EcsSigningHandler>();
        services.AddTransient<EcsRateLimitingHandler>();
        services.AddSingleton<EcsRateLimiter>();
        // Order matters, outermost first: Polly (total timeout → retry → per-attempt timeout), then
        // one rate-limit permit per attempt, then signing so every attempt gets a fresh nonce and
        // timestamp. The permit is per attempt, not per logical call, because ECS counts every
        // request: retries released together at a throttle's x-acs-retry-after would otherwise burst
        // past the per-second limit, and ECS then refuses the API for the rest of the minute (spec §5).
        var http = services.AddHttpClient(EcsClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // the default logger writes the URL; with V1 + STS that holds the token
        http.AddResilienceHandler("ecs", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<EcsClientOptions>>().Value;
                pipeline.AddTimeout(o.TotalTimeout);
                pipeline.AddRetry(EcsRetryPolicy.Create(o));
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        http.AddHttpMessageHandler<EcsRateLimitingHandler>();
        http.AddHttpMessageHandler<EcsSigningHandler>();

        services.AddSingleton<EcsClient>();
        services.AddSingleton<AlibabaCloudProvider>();
        services.AddSingleton<ICapacityProvider>(sp => sp.GetRequiredService<AlibabaCloudProvider>());
        return services;
    }

    public static IHostApplicationBuilder AddAlibabaCloudEcs(this IHostApplicationBuilder builder, Action<EcsClientOptions>? configure = null)
    {
        builder.Services.AddAlibabaCloudEcs(configure);
        return builder;
    }
}
