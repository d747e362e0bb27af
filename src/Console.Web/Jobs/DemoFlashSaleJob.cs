using CapacityConsole.Scheduler.Seeding;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Once at start-up, after the first stock refresh (so the plan sees the cloud's offerings): the demo flash sale.</summary>
[AutomaticRetry(Attempts = 0, LogEvents = true)] // a demo that cannot start now is skipped, not retried into a later window
public sealed class DemoFlashSaleJob(DemoFlashSale demo)
{
    [JobDisplayName("Demo flash sale")]
    public Task<Guid?> RunAsync(CancellationToken ct) => demo.EnsureAsync(ct);
}
