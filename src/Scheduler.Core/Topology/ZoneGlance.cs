namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// Cores of one provider in one internal zone as the dashboard draws them. <see cref="Total"/> is
/// what the zone holds for us plus what its stock can still deliver, as of the last stock refresh
/// corrected by what we took and gave back since: holding cores moves them from free to held and
/// leaves the total where it was (issue 14: totals rose as cores were held).
/// </summary>
public readonly record struct CapacityGlance(int Held, int Planned, int Free)
{
    public int Total => Held + Free;

    /// <summary>Planned by the zone's events and not held yet: what provisioning still has to take from free.</summary>
    public int ToCome => Math.Max(0, Planned - Held);

    public static CapacityGlance operator +(CapacityGlance a, CapacityGlance b) => new(a.Held + b.Held, a.Planned + b.Planned, a.Free + b.Free);
}

public sealed record ZoneGlance(string InternalZoneId, CapacityGlance Idc, CapacityGlance Cloud)
{
    public CapacityGlance All => Idc + Cloud;
}

/// <summary>One part of a bar: its share of the bar's width, and whether the bar cut it short.</summary>
public readonly record struct BarSegment(double Share, bool Cut);

/// <summary>
/// Every zone's glance with one scale for all bars. Drawn against total stock an event is a sliver
/// (a few thousand cores of 244,000), so the scale is set by the events: twice the largest held plus
/// to-come, so free gets as much room again and is cut, and said to be, where it is larger.
/// </summary>
public sealed record DashboardGlance(IReadOnlyDictionary<string, ZoneGlance> Zones, IReadOnlyDictionary<string, int> MemberFree)
{
    public static readonly DashboardGlance Empty = new(new Dictionary<string, ZoneGlance>(), new Dictionary<string, int>());

    public CapacityGlance Idc => Zones.Values.Aggregate(default(CapacityGlance), (s, z) => s + z.Idc);
    public CapacityGlance Cloud => Zones.Values.Aggregate(default(CapacityGlance), (s, z) => s + z.Cloud);
    public CapacityGlance All => Idc + Cloud;

    public int Scale
    {
        get
        {
            var events = Zones.Values.SelectMany(z => new[] { z.Idc, z.Cloud }).Select(g => g.Held + g.ToCome).DefaultIfEmpty(0).Max();
            var total = Zones.Values.SelectMany(z => new[] { z.Idc, z.Cloud }).Select(g => g.Total).DefaultIfEmpty(0).Max();
            return Math.Max(1, events == 0 ? total : Math.Min(total, events * 2));
        }
    }

    /// <summary>Held, to come and free as shares of <see cref="Scale"/>; together never wider than the bar.</summary>
    public (BarSegment Held, BarSegment ToCome, BarSegment Free) Segments(CapacityGlance g)
    {
        var scale = (double)Math.Max(Scale, g.Held + g.ToCome);
        var held = g.Held / scale;
        var toCome = g.ToCome / scale;
        var room = Math.Max(0, 1 - held - toCome);
        var free = g.Free / scale;
        return (new(held, false), new(toCome, false), free > room ? new(room, true) : new(free, false));
    }

    /// <summary>IDC's share of held and of planned cores; null when there is nothing to share.</summary>
    public static double? IdcShare(int idc, int cloud) => idc + cloud == 0 ? null : (double)idc / (idc + cloud);
}
