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
            // One token every 1/rps s and no burst: in any second at most rps + 1 calls go out. A bucket
            // of rps refilled once a second let 2 × rps land in one of ECS's calendar seconds (the end of
            // one refill and the start of the next), and ECS then refuses the API for the rest of the
            // minute (spec §5), so clients had to run at half the server's rate (issue 15).
            return RateLimitPartition.GetTokenBucketLimiter($"{call.Region}|{call.Action}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / rps),
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
