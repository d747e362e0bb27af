using System.Collections.Concurrent;

namespace CapacityConsole.EcsEmulator.Signing;

/// <summary>
/// Nonces seen per AccessKey. A nonce only has to be remembered as long as its timestamp would still
/// be accepted: after that the timestamp check refuses the replay anyway (spec §8.2).
/// </summary>
internal sealed class NonceCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string AccessKeyId, string Nonce), DateTimeOffset> _seen = new();
    private int _adds;

    /// <summary>False when the nonce was already used.</summary>
    public bool TryUse(string accessKeyId, string nonce, TimeSpan remember)
    {
        var now = time.GetUtcNow();
        if (!_seen.TryAdd((accessKeyId, nonce), now + remember))
            return false;
        if (Interlocked.Increment(ref _adds) % 1024 == 0)
            foreach (var (key, expiry) in _seen)
                if (expiry < now) _seen.TryRemove(key, out _);
        return true;
    }
}
