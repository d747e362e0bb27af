using System.Threading.Channels;
using CapacityConsole.Scheduler.Live;
using Microsoft.AspNetCore.SignalR;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// Forwards every live update of the in-process <see cref="LiveNotifier"/> to the SignalR groups of
/// <see cref="ConsoleHub"/>. The notifier calls its subscribers on the publisher's thread (a job, a
/// failover), which must never wait for a slow client: the subscription only queues, and one reader
/// sends in order. When clients fall far behind, the oldest updates are dropped rather than memory
/// growing without bound; the next sample or progress update supersedes them anyway.
/// </summary>
internal sealed class LiveHubBridge(LiveNotifier notifier, IHubContext<ConsoleHub, IConsoleClient> hub, ILogger<LiveHubBridge> logger)
    : BackgroundService
{
    private readonly Channel<LiveUpdate> _queue = Channel.CreateBounded<LiveUpdate>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private IDisposable? _subscription;

    /// <summary>
    /// Subscribes while the host starts (ExecuteAsync runs later, on a background thread), so nothing
    /// published once the host has started is missed: it waits in the queue.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(LiveKeys.All, update => _queue.Writer.TryWrite(update));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await PushAsync(update);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Pushing {Update} to SignalR clients failed; the stream goes on with the next update.", update.GetType().Name);
            }
        }
    }

    private Task PushAsync(LiveUpdate update) => update switch
    {
        ZoneHealthChanged z => hub.Clients.Group(ConsoleHub.ZoneGroup(z.InternalZoneId)).ZoneHealthChanged(z),
        CapacitySampled s => hub.Clients.Group(ConsoleHub.ZoneGroup(s.Sample.InternalZoneId)).CapacitySampled(s),
        RequestProgressed r => hub.Clients.Group(ConsoleHub.RequestGroup(r.RequestId)).RequestProgressed(r),
        _ => Task.CompletedTask,
    };
}
