using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What recent provisioning taught about cloud stock the provider reports only as a category
/// (ECS: WithStock, ClosedWithStock — never a count; the scheduler stores an assumed nominal count
/// for it, <see cref="ReportedStockOptions"/>). Per (member zone, instance type): a partial
/// fulfilment of k units means the zone held about k, an insufficient-capacity answer means none,
/// and a full fulfilment above the learned cap raises it. The cap doubles every
/// <see cref="DoublingPeriod"/> since it was learned, so it decays back to the assumed count within
/// hours instead of shutting a zone out for good. Separately, what the latest batch in a zone and
/// type actually delivered confirms that many units there for <see cref="ConfirmedFor"/> (issue 13:
/// confirmed cores). Counted stock (IDC hosts) is never capped: its count is what stands.
/// Thread-safe: batches report concurrently.
/// </summary>
public sealed class LearnedStock(TimeSpan doublingPeriod, TimeSpan? confirmedFor = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string MemberZoneId, string InstanceType), (int Units, DateTimeOffset At)> _caps = [];
    private readonly Dictionary<(string MemberZoneId, string InstanceType), (int Units, DateTimeOffset At)> _delivered = [];

    public TimeSpan DoublingPeriod { get; } = doublingPeriod > TimeSpan.Zero
        ? doublingPeriod
        : throw new DomainValidationException(nameof(doublingPeriod), "A learned stock cap must decay over a positive time.");

    /// <summary>How long the units a batch delivered count as confirmed stock in that zone and type.</summary>
    public TimeSpan ConfirmedFor { get; } = confirmedFor is not { } f ? doublingPeriod : f > TimeSpan.Zero
        ? f
        : throw new DomainValidationException(nameof(confirmedFor), "Delivered units must confirm stock for a positive time.");

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
            // The latest batch is what the zone shows now: a stock-out after a success confirms nothing.
            if (!_delivered.TryGetValue(key, out var last) || last.At <= at) _delivered[key] = (delivered, at);
        }
    }

    /// <summary>The learned cap on units at <paramref name="now"/>, or null when nothing limits the reported stock.</summary>
    public int? CapAt(string memberZoneId, string instanceType, DateTimeOffset now)
    {
        lock (_gate)
            return _caps.TryGetValue((memberZoneId, instanceType), out var cap) ? CapAt(cap, now) : null;
    }

    /// <summary>Units the latest batch delivered in the zone and type, while that is recent (else 0).</summary>
    public int DeliveredAt(string memberZoneId, string instanceType, DateTimeOffset now)
    {
        lock (_gate)
            return _delivered.TryGetValue((memberZoneId, instanceType), out var d) && now - d.At < ConfirmedFor ? d.Units : 0;
    }

    /// <summary>Every cap this instance holds, with when it was learned (what <see cref="LearnedStockSync"/> stores and shares).</summary>
    public IReadOnlyList<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset At)> Learned()
    {
        lock (_gate)
            return _caps.Select(e => (e.Key.MemberZoneId, e.Key.InstanceType, e.Value.Units, e.Value.At)).ToList();
    }

    /// <summary>Every latest delivery this instance knows, with when it happened.</summary>
    public IReadOnlyList<(string MemberZoneId, string InstanceType, int Units, DateTimeOffset At)> Deliveries()
    {
        lock (_gate)
            return _delivered.Select(e => (e.Key.MemberZoneId, e.Key.InstanceType, e.Value.Units, e.Value.At)).ToList();
    }

    /// <summary>Takes a cap another instance (or an earlier run) learned, when it is newer than what this one knows.</summary>
    public void Adopt(string memberZoneId, string instanceType, int units, DateTimeOffset at)
    {
        var key = (memberZoneId, instanceType);
        lock (_gate)
            if (!_caps.TryGetValue(key, out var cap) || cap.At < at) _caps[key] = (units, at);
    }

    /// <summary>Takes a delivery another instance (or an earlier run) saw, when it is newer than what this one knows.</summary>
    public void AdoptDelivery(string memberZoneId, string instanceType, int units, DateTimeOffset at)
    {
        var key = (memberZoneId, instanceType);
        lock (_gate)
            if (!_delivered.TryGetValue(key, out var d) || d.At < at) _delivered[key] = (units, at);
    }

    /// <summary>How long a cap stays of any use: after 20 doublings it is forgotten (see <see cref="CapAt(string, string, DateTimeOffset)"/>).</summary>
    public TimeSpan RemembersFor => DoublingPeriod * 20 > ConfirmedFor ? DoublingPeriod * 20 : ConfirmedFor;

    /// <summary>
    /// The topology as planning sees it at <paramref name="now"/>: every reported (cloud) offering's
    /// assumed count replaced by its learned cap where one is learned and has not decayed back above
    /// the assumption, marked <see cref="Offering.StockLearned"/>, with the units recent batches
    /// delivered there (<see cref="Offering.DeliveredUnits"/>). A category that sells nothing stays at
    /// 0 whatever was learned; counted stock (IDC) is left alone.
    /// </summary>
    public TopologySnapshot Apply(TopologySnapshot topology, DateTimeOffset now) => topology with
    {
        Offerings = topology.Offerings.Select(o => o.StockKind == StockKind.Counted ? o : Apply(o, now)).ToArray(),
    };

    private Offering Apply(Offering o, DateTimeOffset now)
    {
        var key = (o.MemberZoneId, o.InstanceType);
        (int Units, DateTimeOffset At) lesson;
        int? cap;
        lock (_gate)
        {
            cap = _caps.TryGetValue(key, out lesson) ? CapAt(lesson, now) : null;
        }
        var delivered = DeliveredAt(o.MemberZoneId, o.InstanceType, now);
        if (o.Stock == 0 || cap is not { } c) return o with { DeliveredUnits = o.Stock == 0 ? 0 : delivered };
        // Below the assumption the lesson stands; a full fulfilment above it stands until forgotten;
        // a cap that has doubled back past the assumption has decayed: the assumption is back.
        if (c < o.Stock) return o with { Stock = c, StockLearned = true, DeliveredUnits = delivered };
        if (lesson.Units > o.Stock) return o with { Stock = lesson.Units, StockLearned = true, DeliveredUnits = delivered };
        return o with { DeliveredUnits = delivered };
    }

    private int? CapAt((int Units, DateTimeOffset At) cap, DateTimeOffset now)
    {
        var doublings = Math.Max(0, (now - cap.At) / DoublingPeriod);
        // After 20 doublings even a cap of 1 exceeds any nominal category count: forget it.
        if (doublings >= 20) return null;
        // (k + 1)·2^d − 1: k when learned, and a learned 0 opens up too (1, 3, 7, ... units).
        return (int)Math.Min(int.MaxValue, Math.Floor((cap.Units + 1.0) * Math.Pow(2, doublings)) - 1);
    }
}
