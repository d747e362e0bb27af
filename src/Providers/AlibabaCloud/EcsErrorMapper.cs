using CapacityConsole.Scheduler.ProviderPort;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>ECS error codes → the scheduler's <see cref="ProviderFailure"/> (spec §4 table).</summary>
public static class EcsErrorMapper
{
    private static readonly HashSet<string> NoCapacity = new(StringComparer.Ordinal)
    {
        "OperationDenied.NoStock", "OperationDenied.ZoneNoStock", "OperationDenied.ZoneSystemCategoryNoStock",
        "OperationDenied.CloudSSDNotSupported", "InvalidResourceType.NotSupported", "QuotaExceed.ElasticQuota",
        "ResourceNotAvailable",
    };

    private static readonly HashSet<string> ZoneDown = new(StringComparer.Ordinal)
    {
        "Zone.NotOnSale", "Zone.NotOpen", "InvalidZoneId.NotFound", "ServiceUnavailable.ZoneMaintaining",
    };

    public static ProviderFailure Classify(EcsException ex) => ex switch
    {
        _ when NoCapacity.Contains(ex.Code) => ProviderFailure.InsufficientCapacity,
        _ when ex.IsThrottling => ProviderFailure.Throttled,
        _ when ZoneDown.Contains(ex.Code) => ProviderFailure.ZoneUnavailable,
        _ when ex.StatusCode >= 500 || ex.Code is "ServiceUnavailable" or "InternalError" => ProviderFailure.Transient,
        _ => ProviderFailure.Permanent,
    };

    /// <summary>Null when the exception is not a provider failure (e.g. the caller cancelled).</summary>
    public static ProviderException? ToProviderException(Exception ex, CancellationToken callerToken) => ex switch
    {
        EcsException e => new ProviderException(Classify(e), $"ECS {e.Code}: {e.Message}", e),
        EcsValidationException e => new ProviderException(ProviderFailure.Permanent, e.Message, e),
        RateLimiterRejectedException e => new ProviderException(ProviderFailure.Throttled, "ECS client rate limit.", e),
        TimeoutRejectedException e => new ProviderException(ProviderFailure.Transient, "ECS call timed out.", e),
        HttpRequestException e => new ProviderException(ProviderFailure.Transient, $"ECS unreachable: {e.Message}", e),
        OperationCanceledException e when !callerToken.IsCancellationRequested =>
            new ProviderException(ProviderFailure.Transient, "ECS call timed out.", e),
        _ => null,
    };
}
