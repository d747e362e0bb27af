using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What recent provisioning taught about cloud stock the provider reports only as a category
/// (ECS: WithStock, ClosedWithStock — never a count; the adapter turns that into a nominal unit
/// count). Per (member zone, instance type): a partial fulfilment of k units means the zone held about
/// k, an insufficient-capacity answer means none, and a full fulfilment above the learned cap raises
/// it. The cap doubles every <see cref="DoublingPeriod"/> since it was learned, so it decays back to
/// the reported category within hours instead of shutting a zone out for good. Counted stock (IDC
/// hosts) is never capped: its count is what stands. Thread-safe: batches report concurrently.
/// </summary>
public sealed class LearnedStock(TimeSpan doublingPeriod)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string MemberZoneId, string InstanceType), (int Units, DateTimeOffset At)> _caps = [];

    public TimeSpan DoublingPeriod { get; } = doublingPeriod > TimeSpan.Zero
        ? doublingPeriod
        : throw new DomainValidationException(nameof(doublingPeriod), "A learned stock cap must decay over a positive time.");

    /// <summary>A batch asked for <paramref name="requested"/> units and got <paramref name="delivered"/>.</summary>
    public void Record(string memberZoneId, string instanceType, int requested, int delivered, DateTimeOffset at)
    {
        if (requested <= 0 || delivered < 0) return;
        var key = (memberZoneId, instanceType);
        lock (_gate)
        {
            var known = _caps.TryGetValue(key, out var cap) ? CapAt(cap, at) : (int?)null;
            if (delivered < requested) _caps[key] = (delivered, at);
            else if (known is { } k && delivered > k) _caps[key] = (delivered, at);
        }
    }

    /// <summary>The learned cap on units at <paramref name="now"/>, or null when nothing limits the reported stock.</summary>
    public int? CapAt(string memberZoneId, string instanceType, DateTimeOffset now)
    {
        lock (_gate)
            return _caps.TryGetValue((memberZoneId, instanceType), out var cap) ? CapAt(cap, now) : null;
    }

    /// <summary>Every cap this instance holds, with when it was learned (what <see cref="LearnedStockSync"/> tells the other instances).</summary>
    public IReadOnlyList<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset At)> Learned()
    {
        lock (_gate)
            return _caps.Select(e => (e.Key.MemberZoneId, e.Key.InstanceType, e.Value.Units, e.Value.At)).ToList();
    }

    /// <summary>Takes a cap another instance learned, when it is newer than what this one knows.</summary>
    public void Adopt(string memberZoneId, string instanceType, int units, DateTimeOffset at)
    {
        var key = (memberZoneId, instanceType);
        lock (_gate)
            if (!_caps.TryGetValue(key, out var cap) || cap.At < at) _caps[key] = (units, at);
    }

    /// <summary>How long a cap stays of any use: after 20 doublings it is forgotten (see <see cref="CapAt(string, string, DateTimeOffset)"/>).</summary>
    public TimeSpan RemembersFor => DoublingPeriod * 20;

    /// <summary>The topology with every cloud offering's stock held to its learned cap (IDC stock is counted, so left alone).</summary>
    public TopologySnapshot Apply(TopologySnapshot topology, DateTimeOffset now) => topology with
    {
        Offerings = topology.Offerings.Select(o => o.Provider != ProviderKind.Idc && CapAt(o.MemberZoneId, o.InstanceType, now) is { } cap && cap < o.Stock
            ? o with { Stock = cap }
            : o).ToArray(),
    };

    private int? CapAt((int Units, DateTimeOffset At) cap, DateTimeOffset now)
    {
        var doublings = Math.Max(0, (now - cap.At) / DoublingPeriod);
        // After 20 doublings even a cap of 1 exceeds any nominal category count: forget it.
        if (doublings >= 20) return null;
        // (k + 1)·2^d − 1: k when learned, and a learned 0 opens up too (1, 3, 7, ... units).
        return (int)Math.Min(int.MaxValue, Math.Floor((cap.Units + 1.0) * Math.Pow(2, doublings)) - 1);
    }
}
