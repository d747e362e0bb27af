using CapacityConsole.EcsEmulator.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>
/// Writes the state file whenever the world changed, once per <see cref="EcsEmulatorOptions.StateSaveInterval"/>,
/// so an emulator killed without a shutdown (kill -9 of the console that embeds it) restarts with its
/// cloud, losing at most the last interval. Started only after the file was loaded, so a file the
/// emulator refused is never overwritten.
/// </summary>
internal sealed class StateFileSaver(EmulatorStore store, IOptions<EcsEmulatorOptions> options, TimeProvider time, ILogger<StateFileSaver> logger)
    : BackgroundService
{
    private string? _written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.StateFile is not { } path) return;
        using var timer = new PeriodicTimer(options.Value.StateSaveInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SaveIfChangedAsync(path, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task SaveIfChangedAsync(string path, CancellationToken ct)
    {
        var json = StateFile.Serialize(store);
        if (json == _written) return;
        try
        {
            await StateFile.WriteAsync(json, path, ct);
            _written = json;
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not write the emulator state file {Path}; trying again next interval: {Message}", path, e.Message);
        }
    }
}
