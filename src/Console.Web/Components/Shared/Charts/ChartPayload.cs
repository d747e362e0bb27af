namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>The model as the browser script reads it: times in Unix milliseconds, values as numbers.</summary>
internal sealed record ChartPayload(
    long From, long To, long? Now, IReadOnlyList<ChartPayload.Line> Lines, IReadOnlyList<ChartPayload.Mark> Marks, IReadOnlyList<ChartPayload.Band> Bands)
{
    internal sealed record Line(string Name, string Colour, string Unit, bool Stepped, bool Dashed, IReadOnlyList<double[]> Points);
    internal sealed record Mark(long At, string Label, string Colour);
    internal sealed record Band(long From, long To, string Label, string Colour);

    public static ChartPayload Of(TimeChartModel model) => new(
        model.From.ToUnixTimeMilliseconds(),
        model.To.ToUnixTimeMilliseconds(),
        model.Now is { } now && now >= model.From && now <= model.To ? now.ToUnixTimeMilliseconds() : null,
        model.Lines.Select(l => new Line(l.Name, l.Colour, l.Unit == ChartUnit.Cny ? "cny" : "cores", l.Stepped, l.Dashed,
            l.Points.Select(p => new[] { p.At.ToUnixTimeMilliseconds(), (double)p.Value }).ToArray())).ToArray(),
        model.VisibleMarks.Select(m => new Mark(m.At.ToUnixTimeMilliseconds(), m.Label, m.Colour)).ToArray(),
        model.VisibleBands.Select(b => new Band(
            Math.Max(b.From.ToUnixTimeMilliseconds(), model.From.ToUnixTimeMilliseconds()),
            Math.Min(b.To.ToUnixTimeMilliseconds(), model.To.ToUnixTimeMilliseconds()), b.Label, b.Colour)).ToArray());
}
