using CapacityConsole.Scheduler.Reconciliation;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Registers the recurring jobs (stock and price refresh, reconciler, accrual) once the host has
/// started, and runs the first stock refresh and reconciler pass at once: a fresh console shows
/// live offerings (and the demo flash sale plans against them), and jobs lost with the in-memory Hangfire are re-derived right after a restart.
/// A second pass follows one <see cref="ReconcilerOptions.StalledAfter"/> after start: work killed just
/// before a fast restart still looks alive to the first pass, and would otherwise wait a whole interval.
/// </summary>
internal sealed class JobRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptions<ReconcilerOptions> reconciler) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        recurring.AddOrUpdate<StockAndPriceRefreshJob>(StockAndPriceRefreshJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<ReconcilerJob>(ReconcilerJob.Id, j => j.RunAsync(CancellationToken.None), reconciler.Value.Cron);
        recurring.AddOrUpdate<AccrualJob>(AccrualJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<CapacitySampleJob>(CapacitySampleJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        var refresh = jobs.Enqueue<StockAndPriceRefreshJob>(j => j.RunAsync(CancellationToken.None));
        jobs.ContinueJobWith<DemoFlashSaleJob>(refresh, j => j.RunAsync(CancellationToken.None), JobContinuationOptions.OnAnyFinishedState);
        jobs.Enqueue<ReconcilerJob>(j => j.RunAsync(CancellationToken.None));
        jobs.Schedule<ReconcilerJob>(j => j.RunAsync(CancellationToken.None), reconciler.Value.StalledAfter + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
