using CapacityConsole.Scheduler.Topology;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Recurring: live stock and prices from the providers into the offerings the planner reads.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 120)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // the next run comes soon; a failed zone keeps its last good data meanwhile
public sealed class StockAndPriceRefreshJob(OfferingRefresh refresh)
{
    public const string Id = "stock-and-price-refresh";

    public Task<OfferingRefreshResult> RunAsync(CancellationToken ct) => refresh.RefreshAsync(ct);
}
