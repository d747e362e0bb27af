namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>What went wrong at a provider, in the scheduler's terms rather than the provider's error codes.</summary>
public enum ProviderFailure
{
    /// <summary>No stock for the offering now: fall back to the next offering or zone and remember the stock-out.</summary>
    InsufficientCapacity,
    /// <summary>Rate limited: wait and retry.</summary>
    Throttled,
    /// <summary>The zone cannot serve at all: treat as Down for planning.</summary>
    ZoneUnavailable,
    /// <summary>A passing fault (5xx, timeout): retry with backoff.</summary>
    Transient,
    /// <summary>A fault that retrying will not fix (bad request, auth, mismatch): stop and report.</summary>
    Permanent,
}

public sealed class ProviderException(ProviderFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ProviderFailure Failure { get; } = failure;
}
