using System.Threading.Channels;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>
/// Runs <see cref="ApprovalPreviewRefresher"/> in the background: after live updates that can change
/// a preview's inputs (a request moved, a zone's health or stock changed), debounced, and every
/// <see cref="ApprovalOptions.Interval"/> for changes nothing publishes (budgets moved by filing or deciding).
/// A pass where nothing changed reads only versions, so frequent passes are cheap. Every console
/// instance may run it: a preview is an upsert, so two instances computing one do no harm.
/// </summary>
public sealed class ApprovalPreviewWorker(
    ApprovalPreviewRefresher refresher, LiveNotifier live, IOptions<ApprovalOptions> options, TimeProvider clock,
    ILogger<ApprovalPreviewWorker> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RefreshInBackground) return;
        using var subscription = live.Subscribe(LiveKeys.All, update =>
        {
            if (update is RequestProgressed or ZoneHealthChanged or StockRefreshed) _wake.Writer.TryWrite(true);
        });
        _wake.Writer.TryWrite(true); // a first pass at start: previews of requests filed while no console ran
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(stoppingToken);
                await Task.Delay(options.Value.Debounce, clock, stoppingToken);
                while (_wake.Reader.TryRead(out _)) { } // what arrived during the debounce is covered by this pass
                await refresher.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A failed pass (the database away) leaves the stored previews, marked stale; the next pass retries.
                logger.LogError(e, "Approval preview pass failed; the queue shows the stored previews until the next pass.");
            }
        }
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        using var interval = new CancellationTokenSource(options.Value.Interval, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, interval.Token);
        try { await _wake.Reader.ReadAsync(either.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { } // the interval passed
    }
}
