using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>
/// Outermost handler: a token bucket per API keeps us under ECS flow control, which counts each
/// API independently (spec §5). Calls queue for a permit rather than fail; the queue is bounded so
/// a runaway caller gets a typed throttling error instead of unbounded memory.
/// </summary>
internal sealed class EcsRateLimitingHandler : DelegatingHandler
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public EcsRateLimitingHandler(IOptions<EcsClientOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(action =>
        {
            var rps = o.RequestsPerSecond.GetValueOrDefault(action, o.DefaultRequestsPerSecond);
            return RateLimitPartition.GetTokenBucketLimiter(action, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rps,
                TokensPerPeriod = rps,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 10_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var action = EcsCall.Of(request)?.Action ?? "";
        using var lease = await _limiter.AcquireAsync(action, 1, ct);
        if (!lease.IsAcquired)
            throw new EcsException("Throttling.Client", 429, null, $"Client-side queue for {action} is full.");
        return await base.SendAsync(request, ct);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter.Dispose();
        base.Dispose(disposing);
    }
}
