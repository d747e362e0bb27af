namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>Inside the retry: one permit from <see cref="EcsRateLimiter"/> per attempt, as ECS counts every attempt.</summary>
internal sealed class EcsRateLimitingHandler(EcsRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var call = EcsCall.Of(request) ?? throw new InvalidOperationException("ECS request without an EcsCall.");
        using var lease = await limiter.AcquireAsync(call, ct);
        if (!lease.IsAcquired)
            throw new EcsException("Throttling.Client", 429, null, $"Client-side queue for {call.Action} in {call.Region} is full.");
        return await base.SendAsync(request, ct);
    }
}
