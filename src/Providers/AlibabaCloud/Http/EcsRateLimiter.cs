using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>
/// One token bucket per (region, API), as ECS counts flow control per region and per API (spec §5).
/// A singleton: HttpClientFactory recreates handlers every few minutes, and a limiter living in the
/// handler would reset its buckets (and briefly double the rate) at each rotation.
/// </summary>
internal sealed class EcsRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<EcsCall> _limiter;

    public EcsRateLimiter(IOptions<EcsClientOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<EcsCall, string>(call =>
        {
            var rps = o.RequestsPerSecond.GetValueOrDefault(call.Action, o.DefaultRequestsPerSecond);
            return RateLimitPartition.GetTokenBucketLimiter($"{call.Region}|{call.Action}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rps,
                TokensPerPeriod = rps,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                // Calls wait for a permit rather than fail; the bound turns a runaway caller into
                // a typed throttling error instead of unbounded memory.
                QueueLimit = 10_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
    }

    public ValueTask<RateLimitLease> AcquireAsync(EcsCall call, CancellationToken ct) => _limiter.AcquireAsync(call, 1, ct);

    public void Dispose() => _limiter.Dispose();
}
