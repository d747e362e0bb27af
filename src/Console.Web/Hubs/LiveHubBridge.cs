using CapacityConsole.Scheduler.Live;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// Forwards the live updates of the in-process <see cref="LiveNotifier"/> (this instance's own and,
/// through the relay, the other instances') to the SignalR groups of <see cref="ConsoleHub"/>.
/// <para>
/// Coalesced: the notifier calls its subscribers on the publisher's thread, which only puts the
/// update into a <see cref="LiveCoalescer"/> paced per subject; one loop sends what is due: each request
/// or zone at most once per <see cref="LiveFanOutOptions.CoalesceInterval"/>, its latest state, and a
/// subject quiet for an interval at once (not behind another subject's send). The
/// cost of a fan-out is one write per viewer per send, so with 10,000 viewers a provisioning run's
/// hundreds of batch updates a second must become a few sends a second, not a backlog; and a subject
/// with a very wide audience is paced by that cost (<see cref="LiveFanOutOptions.WritesPerSecondPerSubject"/>).
/// </para>
/// <para>
/// Slow viewers: a send serializes the message once and hands it to every viewer of the group
/// (<see cref="ConsoleHubLifetimeManager"/>) without waiting; a viewer whose buffer is full keeps
/// only the latest per subject and is disconnected after <see cref="LiveFanOutOptions.SlowViewerTimeout"/>
/// (<see cref="LiveViewer"/>), so it never slows the others or grows memory without bound.
/// </para>
/// </summary>
internal sealed class LiveHubBridge(LiveNotifier notifier, ConsoleHubLifetimeManager viewers, IOptions<LiveFanOutOptions> options,
    LiveFanOutInstruments instruments, TimeProvider clock, ILogger<LiveHubBridge> logger) : BackgroundService
{
    private readonly LiveCoalescer _pending = new(options.Value.MaxPending, options.Value.CoalesceInterval, clock,
        update => GroupOf(update) is { } group ? options.Value.PaceFor(viewers.ViewersOf(group.Name)) : TimeSpan.Zero);
    private IDisposable? _subscription;

    /// <summary>
    /// Subscribes while the host starts (ExecuteAsync runs later, on a background thread), so nothing
    /// published once the host has started is missed: it waits in the queue.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(LiveKeys.All, update =>
        {
            if (IsStreamed(update)) _pending.Offer(update);
        });
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _pending.WaitAsync(stoppingToken);
                Push(_pending.Drain());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
        }
    }

    private static bool IsStreamed(LiveUpdate update) => update is ZoneHealthChanged or CapacitySampled or RequestProgressed;

    /// <summary>The hub group an update goes to and the client method that receives it.</summary>
    private static (string Name, string Method)? GroupOf(LiveUpdate update) => update switch
    {
        ZoneHealthChanged z => (ConsoleHub.ZoneGroup(z.InternalZoneId), nameof(IConsoleClient.ZoneHealthChanged)),
        CapacitySampled s => (ConsoleHub.ZoneGroup(s.Sample.InternalZoneId), nameof(IConsoleClient.CapacitySampled)),
        RequestProgressed r => (ConsoleHub.RequestGroup(r.RequestId), nameof(IConsoleClient.RequestProgressed)),
        _ => null,
    };

    private void Push(IReadOnlyList<LiveUpdate> updates)
    {
        var flush = new List<ConsoleHubLifetimeManager.Outgoing>(updates.Count);
        var now = clock.GetUtcNow();
        foreach (var update in updates)
        {
            if (GroupOf(update) is { } group && update.Subject is { } subject)
            {
                flush.Add(new(group.Name, subject, group.Method, update));
                instruments.Sending(group.Method, now - update.At);
            }
        }
        if (flush.Count == 0) return;
        try
        {
            instruments.Wrote(viewers.SendLatest(flush, options.Value.SlowViewerTimeout));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Pushing {Count} live updates to SignalR clients failed; the stream goes on with the next send.", flush.Count);
        }
    }
}
