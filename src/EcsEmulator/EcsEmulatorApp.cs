using CapacityConsole.EcsEmulator.Actions;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.RateLimiting;
using CapacityConsole.EcsEmulator.Signing;
using CapacityConsole.EcsEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.EcsEmulator;

/// <summary>The composition shared by the standalone program and <see cref="EcsEmulatorHost"/>.</summary>
internal static class EcsEmulatorApp
{
    public static WebApplication Build(WebApplicationBuilder builder, EcsEmulatorOptions options, TimeProvider time)
    {
        EcsEmulatorOptionsValidator.ThrowIfInvalid(options);
        // ASP.NET Core logs request URLs at Information; with V1 signing the URL holds the STS
        // SecurityToken, and secrets never go to a log. Our pipeline logs action and code instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(time);
        services.AddSingleton(new EmulatorFaults(options.Faults));
        services.AddSingleton<EmulatorCatalog>();
        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<EmulatorRandom>();
        services.AddSingleton<RunInstancesJournal>();
        services.AddSingleton<NonceCache>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<ApiRateLimiter>();
        services.AddSingleton<EcsPipeline>();
        services.AddSingleton<IEcsAction, DescribeRegionsAction>();
        services.AddSingleton<IEcsAction, DescribeZonesAction>();
        services.AddSingleton<IEcsAction, DescribeAvailableResourceAction>();
        services.AddSingleton<IEcsAction, DescribeInstanceTypesAction>();
        services.AddSingleton<IEcsAction, DescribePriceAction>();
        services.AddSingleton<IEcsAction, RunInstancesAction>();
        services.AddSingleton<IEcsAction, DescribeInstancesAction>();
        services.AddSingleton<IEcsAction, DeleteInstancesAction>();
        services.AddSingleton<IEcsAction, DescribeInstanceStatusAction>();
        services.AddHostedService<StateFileSaver>();

        var app = builder.Build();
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], (HttpContext ctx, EcsPipeline pipeline) => pipeline.HandleAsync(ctx));
        return app;
    }

    /// <summary>Fills what may be left out: the demo topology when no region is configured.</summary>
    public static void ApplyDefaults(EcsEmulatorOptions options)
    {
        if (options.Regions.Count == 0) options.Regions = DemoTopology.Create();
    }

    public static async Task LoadStateIfPresentAsync(WebApplication app, EcsEmulatorOptions options, CancellationToken ct)
    {
        if (options.StateFile is { } path && File.Exists(path))
            await StateFile.LoadAsync(app.Services.GetRequiredService<EmulatorStore>(), path, ct);
    }

    /// <summary>
    /// The save at shutdown, after the server drained its last requests. Returned before the app runs:
    /// RunAsync disposes the service provider, so resolving the store after it threw (exit 134) and the
    /// changes of the last save interval were lost on every ordinary stop.
    /// </summary>
    public static Func<CancellationToken, Task> SaveStateAtShutdown(WebApplication app, EcsEmulatorOptions options)
    {
        var store = app.Services.GetRequiredService<EmulatorStore>();
        return ct => options.StateFile is { } path ? StateFile.SaveAsync(store, path, ct) : Task.CompletedTask;
    }
}
