using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.RateLimiting;

/// <summary>
/// ECS flow control: independent counters per (AccessKey, region, action) over per-second and
/// per-minute windows aligned to the clock; once an API is throttled in minute T it stays refused
/// until minute T+1 (spec §5). Windows come from the injected clock so tests can step past them.
/// </summary>
internal sealed class ApiRateLimiter(IOptions<EcsEmulatorOptions> options, TimeProvider time)
{
    private sealed class Window
    {
        public long Second = -1, Minute = -1;
        public int InSecond, InMinute;
        public DateTimeOffset BlockedUntil;
    }

    private readonly Dictionary<(string, string, string), Window> _windows = [];
    private readonly Lock _gate = new();

    public void Acquire(EcsRequest r)
    {
        var limit = options.Value.RateLimits.For(r.Action);
        var now = time.GetUtcNow();
        long second = now.ToUnixTimeSeconds(), minute = second / 60;
        lock (_gate)
        {
            var key = (r.AccessKeyId, r.Get("RegionId") ?? "", r.Action);
            if (!_windows.TryGetValue(key, out var w)) _windows[key] = w = new Window();
            if (now < w.BlockedUntil) throw Throttled(w.BlockedUntil - now);
            if (w.Second != second) (w.Second, w.InSecond) = (second, 0);
            if (w.Minute != minute) (w.Minute, w.InMinute) = (minute, 0);
            if (w.InSecond + 1 > limit.PerSecond || w.InMinute + 1 > limit.PerMinute)
            {
                w.BlockedUntil = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);
                throw Throttled(w.BlockedUntil - now);
            }
            w.InSecond++;
            w.InMinute++;
        }
    }

    private EcsError Throttled(TimeSpan retryAfter)
    {
        var error = new EcsError(options.Value.RateLimits.ThrottleStatusCode, "Throttling", "Request was denied due to request throttling.");
        error.Headers["x-acs-retry-after"] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return error;
    }
}
