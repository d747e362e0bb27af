using CapacityConsole.Providers.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CapacityConsole.Web.Health;

/// <summary>
/// Provider reachability from the outcome of each provider's last real call (the stock refresh
/// calls every provider every five minutes), so a readiness probe never adds calls to a
/// rate-limited cloud API. Unreachable is Degraded, not Unhealthy: every instance shares the same
/// providers, so taking this one out of the load balancer would not help, and its pages still work.
/// </summary>
public sealed class ProviderHealthCheck(ProviderReachability reachability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var failing = reachability.Last.Where(l => ProviderReachability.Unreachable(l.Value.Failure))
            .Select(l => $"{l.Key}: {l.Value.Failure} at {l.Value.At:u}").ToList();
        var known = string.Join(", ", reachability.Last.Select(l => $"{l.Key} {(l.Value.Failure is null ? "ok" : l.Value.Failure.ToString())}"));
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy(known.Length == 0 ? "no provider called yet" : known)
            : HealthCheckResult.Degraded($"last call failed: {string.Join("; ", failing)}"));
    }
}
