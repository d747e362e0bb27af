using System.Diagnostics;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Jobs;

/// <summary>
/// Times one pass of a recurring job and, when it runs long, logs how long and how much it had to
/// read: the live resources and the open requests at that moment (counted only then, through the
/// state indexes), next to the pass's own report.
/// </summary>
public sealed class JobPassTimer(Database db, IOptions<JobPassOptions> options, ILogger<JobPassTimer> logger)
{
    public async Task<T> RunAsync<T>(string job, Func<Task<T>> pass, Func<T, string> describe, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var result = await pass();
        var took = watch.Elapsed;
        if (took > options.Value.SlowPass)
        {
            var (live, open) = await ScannedAsync(ct);
            logger.LogWarning(
                "{Job} pass took {DurationMs:0} ms (over {SlowMs:0} ms); it scanned {LiveResources} live resources and {OpenRequests} open requests; {Report}",
                job, took.TotalMilliseconds, options.Value.SlowPass.TotalMilliseconds, live, open, describe(result));
        }
        return result;
    }

    private async Task<(long Live, long Open)> ScannedAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var live = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM resources WHERE state IN ({ProvisioningRepository.LiveStates})");
        var open = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM core_quota_requests WHERE state IN ('Submitted', 'Approved', 'Scheduled', 'Provisioning', 'Active', 'Releasing', 'Failed')");
        return (live, open);
    }
}
