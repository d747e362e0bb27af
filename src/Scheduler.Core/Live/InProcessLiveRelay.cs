using Microsoft.Extensions.Hosting;

namespace CapacityConsole.Scheduler.Live;

/// <summary>The embedded SQLite default is one process: every update is already delivered locally.</summary>
public sealed class InProcessLiveRelay : BackgroundService, ILiveRelay
{
    public void Relay(LiveUpdate update) { }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
