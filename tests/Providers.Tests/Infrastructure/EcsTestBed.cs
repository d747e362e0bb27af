using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers.AlibabaCloud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Providers.Tests.Infrastructure;

/// <summary>
/// A real emulator on 127.0.0.1 and the real client wired exactly as production wires it
/// (AddAlibabaCloudEcs), sharing one fake clock. Retries are kept but with zero delay, so no test
/// waits on a timer.
/// </summary>
public sealed class EcsTestBed : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EcsTestBed(EcsEmulatorHost host, ServiceProvider services, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        Host = host;
        _services = services;
        Time = time;
        Logs = logs;
    }

    public EcsEmulatorHost Host { get; }
    public FakeTimeProvider Time { get; }
    public CapturingLoggerProvider Logs { get; }
    public EcsClient Client => _services.GetRequiredService<EcsClient>();
    public AlibabaCloudProvider Provider => _services.GetRequiredService<AlibabaCloudProvider>();

    public static async Task<EcsTestBed> StartAsync(
        Action<EcsEmulatorOptions>? emulator = null, Action<EcsClientOptions>? client = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var logs = new CapturingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = TestTopology.Options();
        emulator?.Invoke(options);
        var host = await EcsEmulatorHost.StartAsync(options, time, loggerFactory);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddAlibabaCloudEcs(o =>
        {
            o.Endpoint = host.BaseAddress;
            o.AccessKeyId = host.Credentials.AccessKeyId;
            o.AccessKeySecret = host.Credentials.AccessKeySecret;
            o.SecurityToken = host.Credentials.SecurityToken;
            o.Regions = [.. host.RegionIds];
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.RetryMaxDelay = TimeSpan.Zero;
            client?.Invoke(o);
        });
        return new EcsTestBed(host, services.BuildServiceProvider(validateScopes: true), time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Host.DisposeAsync();
    }
}
