using System.Collections.Concurrent;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.Metrics;

/// <summary>
/// The outcome of each provider's last call, for the readiness check: a provider whose last call
/// failed as transient (unreachable, 5xx, timeout) or permanent (refused credentials) is not reachable.
/// Throttling and stock-outs are answers, so they count as reachable.
/// </summary>
public sealed class ProviderReachability
{
    private readonly ConcurrentDictionary<ProviderKind, (DateTimeOffset At, ProviderFailure? Failure, string? Message)> _last = new();

    public void Record(ProviderKind kind, DateTimeOffset at, ProviderFailure? failure, string? message) => _last[kind] = (at, failure, message);

    public IReadOnlyDictionary<ProviderKind, (DateTimeOffset At, ProviderFailure? Failure, string? Message)> Last => _last;

    public static bool Unreachable(ProviderFailure? failure) => failure is ProviderFailure.Transient or ProviderFailure.Permanent;
}
