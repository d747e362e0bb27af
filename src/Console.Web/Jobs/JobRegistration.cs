using CapacityConsole.Scheduler.Reconciliation;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Jobs;

/// <summary>
/// Registers the recurring jobs (stock and price refresh, reconciler, accrual, samples, sign-in housekeeping) once the host has
/// started, and runs the first stock refresh and reconciler pass at once: a fresh console shows
/// live offerings (and the demo flash sale plans against them), and jobs lost with the in-memory Hangfire are re-derived right after a restart.
/// A second pass follows one <see cref="ReconcilerOptions.StalledAfter"/> after start: work killed just
/// before a fast restart still looks alive to the first pass, and would otherwise wait a whole interval.
/// </summary>
internal sealed class JobRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptions<ReconcilerOptions> reconciler, ILogger<JobRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        Register(() => recurring.AddOrUpdate<StockAndPriceRefreshJob>(StockAndPriceRefreshJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *"));
        Register(() => recurring.AddOrUpdate<ReconcilerJob>(ReconcilerJob.Id, j => j.RunAsync(CancellationToken.None), reconciler.Value.Cron));
        Register(() => recurring.AddOrUpdate<AccrualJob>(AccrualJob.Id, j => j.RunAsync(CancellationToken.None), "*/5 * * * *"));
        Register(() => recurring.AddOrUpdate<CapacitySampleJob>(CapacitySampleJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely()));
        Register(() => recurring.AddOrUpdate<AccessHousekeepingJob>(AccessHousekeepingJob.Id, j => j.RunAsync(CancellationToken.None), "17 * * * *"));
        var refresh = jobs.Enqueue<StockAndPriceRefreshJob>(j => j.RunAsync(CancellationToken.None));
        jobs.ContinueJobWith<DemoFlashSaleJob>(refresh, j => j.RunAsync(CancellationToken.None), JobContinuationOptions.OnAnyFinishedState);
        jobs.Enqueue<ReconcilerJob>(j => j.RunAsync(CancellationToken.None));
        jobs.Schedule<ReconcilerJob>(j => j.RunAsync(CancellationToken.None), reconciler.Value.StalledAfter + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A console killed while Hangfire's scheduler held a recurring job's lock leaves that lock's row in
    /// PostgreSQL until Hangfire's lock timeout; the restart then timed out here and the console did not
    /// start (fault matrix: kill -9 on PostgreSQL). The recurring jobs are stored in PostgreSQL already,
    /// so the start goes on with the stored schedule and the next start updates it.
    /// </summary>
    private void Register(Action addOrUpdate)
    {
        try { addOrUpdate(); }
        catch (Exception e) when (e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
        {
            logger.LogWarning("A recurring job's schedule was not updated at start ({Reason}); the stored schedule stays in force.", e.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
