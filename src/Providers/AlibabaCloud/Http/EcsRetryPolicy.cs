using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>
/// What the Polly retry strategy retries: Throttling* codes, 5xx and timeouts / network errors —
/// never another 4xx (retrying a bad request or NoStock only burns rate limit), and never a call
/// marked not retryable (RunInstances without ClientToken could create instances twice, spec §5).
/// </summary>
internal static class EcsRetryPolicy
{
    public static HttpRetryStrategyOptions Create(EcsClientOptions o) => new()
    {
        MaxRetryAttempts = Math.Max(o.MaxRetries, 1),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = o.RetryBaseDelay,
        MaxDelay = o.RetryMaxDelay,
        ShouldHandle = args => o.MaxRetries == 0 ? ValueTask.FromResult(false) : ShouldRetryAsync(args),
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, o.RetryMaxDelay)),
    };

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (EcsCall.Of(args.Context.GetRequestMessage()) is { Retryable: false }) return false;
        if (args.Outcome.Exception is { } ex) return ex is HttpRequestException or TimeoutRejectedException;
        var response = args.Outcome.Result!;
        if ((int)response.StatusCode >= 500) return true;
        if (response.IsSuccessStatusCode) return false;
        if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
            return false;
        var code = await EcsErrorBody.PeekCodeAsync(response, args.Context.CancellationToken);
        return code?.StartsWith("Throttling", StringComparison.Ordinal) == true;
    }

    /// <summary>Honours x-acs-retry-after (milliseconds) when ECS sends it; null means "use the backoff".</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max) =>
        response?.Headers.TryGetValues("x-acs-retry-after", out var values) == true
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(Math.Min(ms, max.TotalMilliseconds))
            : null;
}
