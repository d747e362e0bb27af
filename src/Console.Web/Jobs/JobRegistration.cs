using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Registers the recurring jobs once the host has started, and runs the first stock refresh at
/// once so a fresh console shows live offerings without waiting for the schedule.
/// </summary>
internal sealed class JobRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        recurring.AddOrUpdate<StockAndPriceRefreshJob>(StockAndPriceRefreshJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.Enqueue<StockAndPriceRefreshJob>(j => j.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
