using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CapacityConsole.Web.Health;

/// <summary>Healthy when Hangfire's storage answers and at least one server is processing jobs.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers();
            var stats = monitoring.GetStatistics();
            var data = new Dictionary<string, object> { ["servers"] = servers.Count, ["recurring"] = stats.Recurring, ["failed"] = stats.Failed };
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"{servers.Count} server(s), {stats.Recurring} recurring job(s)", data)
                : HealthCheckResult.Unhealthy("No Hangfire server is running.", data: data));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage unreachable: {e.GetType().Name}"));
        }
    }
}
