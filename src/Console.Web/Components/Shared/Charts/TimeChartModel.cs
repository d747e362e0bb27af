namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>What a value on a chart counts: cores (left axis) or CNY (right axis, always with fen).</summary>
public enum ChartUnit { Cores, Cny }

/// <summary>One point of a line. Money stays decimal here; only the browser's drawing sees a double.</summary>
public readonly record struct ChartPoint(DateTimeOffset At, decimal Value);

/// <summary>
/// One named line. <see cref="Stepped"/> holds each value until the next point (a commitment, a count
/// of held cores); otherwise points are joined straight (an accrual).
/// </summary>
public sealed record ChartLine(string Name, string Colour, IReadOnlyList<ChartPoint> Points, ChartUnit Unit = ChartUnit.Cores,
    bool Stepped = false, bool Dashed = false)
{
    public decimal? Last => Points.Count == 0 ? null : Points[^1].Value;

    /// <summary>The value at <paramref name="at"/>: the last point at or before it (a plan drawn into the future reads as it is now).</summary>
    public decimal? ValueAt(DateTimeOffset at)
    {
        decimal? value = null;
        foreach (var p in Points.Where(p => p.At <= at)) value = p.Value;
        return value;
    }
    public decimal? Max => Points.Count == 0 ? null : Points.Max(p => p.Value);
}

/// <summary>A moment worth marking across the chart: a zone's health change, a batch sent.</summary>
public sealed record ChartMark(DateTimeOffset At, string Label, string Colour);

/// <summary>A stretch of time shaded behind the lines: pre-warm, the event window T1–T2, release.</summary>
public sealed record ChartBand(DateTimeOffset From, DateTimeOffset To, string Label, string Colour);

/// <summary>
/// A chart over real time: the axis runs from <see cref="From"/> to <see cref="To"/> whatever the
/// data covers (a 1 h window is an hour wide even with two samples in it), and <see cref="Now"/> is
/// drawn when it falls inside.
/// </summary>
public sealed record TimeChartModel(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ChartLine> Lines,
    IReadOnlyList<ChartMark>? Marks = null,
    IReadOnlyList<ChartBand>? Bands = null,
    DateTimeOffset? Now = null)
{
    public IReadOnlyList<ChartMark> MarksOrEmpty => Marks ?? [];
    public IReadOnlyList<ChartBand> BandsOrEmpty => Bands ?? [];

    /// <summary>What a legend calls "now": the value at <see cref="Now"/> when the chart has one, else the last point.</summary>
    public decimal? Current(ChartLine line) => Now is { } now ? line.ValueAt(now) ?? line.Last : line.Last;

    /// <summary>False when no line has a point: the chart says so instead of drawing empty axes.</summary>
    public bool HasData => Lines.Any(l => l.Points.Count > 0);

    /// <summary>Marks and bands that touch the axis; the rest would be drawn off the chart.</summary>
    public IEnumerable<ChartMark> VisibleMarks => MarksOrEmpty.Where(m => m.At >= From && m.At <= To);
    public IEnumerable<ChartBand> VisibleBands => BandsOrEmpty.Where(b => b.To >= From && b.From <= To && b.To > b.From);
}
