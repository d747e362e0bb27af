using CapacityConsole.Scheduler.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CapacityConsole.Web.Health;

/// <summary>
/// Unhealthy while the LISTEN connection to PostgreSQL is down: this instance's pages and hub
/// clients would miss what the other instances change, so the load balancer should send them elsewhere.
/// </summary>
public sealed class LiveRelayHealthCheck(LiveRelayStatus status, ILiveRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(relay is InProcessLiveRelay
            ? HealthCheckResult.Healthy("in-process (SQLite: one instance)")
            : status.Connected
                ? HealthCheckResult.Healthy("LISTEN connection up")
                : HealthCheckResult.Unhealthy(status.Problem));
}
