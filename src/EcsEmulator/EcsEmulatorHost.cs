using System.Net;
using System.Security.Cryptography;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.EcsEmulator;

/// <summary>
/// The emulator inside another process (Console.Web's embedded default, tests, benchmarks), on a
/// loopback port. Configuration comes only from the options object: the host process's own
/// configuration sources are not read, so a console setting cannot leak into the emulator.
/// </summary>
public sealed class EcsEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EcsEmulatorOptions _options;

    private EcsEmulatorHost(WebApplication app, EcsEmulatorOptions options, Uri baseAddress)
    {
        _app = app;
        _options = options;
        BaseAddress = baseAddress;
        _store = app.Services.GetRequiredService<EmulatorStore>();
    }

    /// <summary>e.g. http://127.0.0.1:40123/ — the ECS client's Endpoint.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The first accepted AccessKey pair (generated when none was configured).</summary>
    public EmulatorCredential Credentials => _options.Credentials[0];

    /// <summary>All region ids served, for the client's Regions option.</summary>
    public IReadOnlyList<string> RegionIds => _options.Regions.Select(r => r.RegionId).ToList();

    /// <summary>Switch faults on and off while running.</summary>
    public EmulatorFaults Faults => _app.Services.GetRequiredService<EmulatorFaults>();

    // Resolved once: the state is still saved after the app stopped.
    private EmulatorStore Store => _store ??= _app.Services.GetRequiredService<EmulatorStore>();
    private EmulatorStore? _store;

    /// <summary>A snapshot of live instances (after expired auto-release ones are gone).</summary>
    public IReadOnlyList<EmulatorInstance> Instances => Store.Use((s, _) => s.Instances.Values.ToList());

    /// <summary>Every successful RunInstances since start (deleted instances included), to check what went over the wire.</summary>
    public IReadOnlyList<RunInstancesCall> RunInstancesCalls => _app.Services.GetRequiredService<RunInstancesJournal>().Snapshot();

    /// <summary>Remaining units of a type in a zone, ignoring injected stock-outs.</summary>
    public int RemainingStock(string zoneId, string instanceType) =>
        Store.Use((s, _) => s.Stock.GetValueOrDefault(EmulatorState.StockKey(zoneId, instanceType)));

    /// <summary>
    /// Deletes instances as someone outside the console would (the Alibaba Cloud console, a script, a
    /// reclaimed spot): gone from DescribeInstances, their stock back, no call the console made.
    /// </summary>
    public void DeleteOutOfBand(IReadOnlyCollection<string> instanceIds) => Store.Use((state, _) =>
    {
        foreach (var id in instanceIds)
            if (state.Instances.TryGetValue(id, out var instance)) EmulatorStore.Release(state, instance);
        return instanceIds.Count;
    });

    public Task SaveStateAsync(string path, CancellationToken ct = default) => StateFile.SaveAsync(Store, path, ct);

    public Task LoadStateAsync(string path, CancellationToken ct = default) => StateFile.LoadAsync(Store, path, ct);

    /// <summary>Starts with options bound from the "EcsEmulator" section (empty section: demo topology, generated key).</summary>
    public static Task<EcsEmulatorHost> StartAsync(
        IConfiguration configuration, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken ct = default) =>
        StartAsync(configuration.GetSection(EcsEmulatorOptions.SectionName).Get<EcsEmulatorOptions>() ?? new EcsEmulatorOptions(),
            timeProvider, loggerFactory, ct);

    /// <summary>
    /// Starts Kestrel on 127.0.0.1:<see cref="EcsEmulatorOptions.Port"/> (0 = a free port). Fills
    /// defaults into <paramref name="options"/>: the demo topology when no region is given, and a
    /// random AccessKey pair when no credential is given (read it back from <see cref="Credentials"/>).
    /// </summary>
    public static async Task<EcsEmulatorHost> StartAsync(
        EcsEmulatorOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        EcsEmulatorApp.ApplyDefaults(options);
        if (options.Credentials.Count == 0)
            options.Credentials.Add(new EmulatorCredential
            {
                AccessKeyId = "EMU" + RandomNumberGenerator.GetHexString(16),
                AccessKeySecret = RandomNumberGenerator.GetHexString(32),
            });
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EcsEmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // The embedding process's ASPNETCORE_URLS (launchSettings sets the console's 5080) reaches
            // this web host too, which is read before the sources are cleared below; Kestrel then logged
            // "Overriding address(es) 'http://127.0.0.1:5080'" as if the emulator took the console's
            // port. Empty addresses here: it only ever listens where Listen says.
            Args = ["--urls=", "--http_ports=", "--https_ports="],
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            // The embedding factory applies its own levels; ours only keeps ASP.NET Core quiet.
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new ForwardingLoggerProvider(loggerFactory));
        }
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = EcsEmulatorApp.Build(builder, options, timeProvider ?? TimeProvider.System);
        await EcsEmulatorApp.LoadStateIfPresentAsync(app, options, ct);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EcsEmulatorHost(app, options, new Uri(address.TrimEnd('/') + "/"));
    }

    private int _disposed;

    /// <summary>Stops the emulator and writes its state file; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // Stopped first, so the periodic save is over and the last word is this final save.
        await _app.StopAsync();
        if (_options.StateFile is { } path) await SaveStateAsync(path);
        await _app.DisposeAsync();
    }
}
