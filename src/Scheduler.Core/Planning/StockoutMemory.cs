using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// A time-limited memory of insufficient-capacity errors per (provider, member zone, family), so the
/// next pass does not retry a family that just failed and falls through to the next offering or zone.
/// The executor records; the planner only sees <see cref="ActiveAt"/>'s snapshot through its input,
/// which keeps the planner pure. Thread-safe: batches report stock-outs concurrently.
/// </summary>
public sealed class StockoutMemory(TimeSpan remembersFor)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StockoutKey, DateTimeOffset> _until = [];

    public TimeSpan RemembersFor { get; } = remembersFor > TimeSpan.Zero
        ? remembersFor
        : throw new DomainValidationException(nameof(remembersFor), "A stock-out must be remembered for a positive time.");

    public void Record(ProviderKind provider, string memberZoneId, string family, DateTimeOffset at)
    {
        var key = new StockoutKey(provider, memberZoneId, family);
        lock (_gate)
        {
            // A late report of an older failure must not shorten a newer one.
            var until = at + RemembersFor;
            if (!_until.TryGetValue(key, out var known) || known < until) _until[key] = until;
        }
    }

    public bool IsStockedOut(ProviderKind provider, string memberZoneId, string family, DateTimeOffset now)
    {
        lock (_gate)
            return _until.TryGetValue(new StockoutKey(provider, memberZoneId, family), out var until) && now < until;
    }

    /// <summary>The keys still remembered at <paramref name="now"/>; expired ones are forgotten.</summary>
    public IReadOnlySet<StockoutKey> ActiveAt(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var expired in _until.Where(e => e.Value <= now).Select(e => e.Key).ToList()) _until.Remove(expired);
            return _until.Keys.ToHashSet();
        }
    }
}
