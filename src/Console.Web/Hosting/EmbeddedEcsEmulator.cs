using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;

namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Runs the ECS emulator inside the console's lifetime (embedded default): it starts before any
/// job and stops with the host, so the real ECS client always has its endpoint to talk to.
/// </summary>
internal sealed class EmbeddedEcsEmulator(EcsEmulatorOptions options, TimeProvider clock, ILoggerFactory logs) : IHostedLifecycleService
{
    private EcsEmulatorHost? _host;

    public Uri? BaseAddress => _host?.BaseAddress;

    public async Task StartingAsync(CancellationToken ct)
    {
        try
        {
            _host = await EcsEmulatorHost.StartAsync(options, clock, logs, ct);
        }
        catch (EcsEmulator.State.StateFileException e)
        {
            // The console stops with the emulator's one line; the file is not overwritten.
            throw new Scheduler.Storage.StartupException(e.Message);
        }
    }

    public async Task StoppedAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _host, null) is { } host) await host.DisposeAsync();
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
