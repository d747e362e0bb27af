using System.Globalization;

namespace CapacityConsole.Web.EndToEnd.Infrastructure;

/// <summary>A scraped /metrics page in Prometheus text format, read the way a PromQL sum() would.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/> (e.g. provider="Idc").</summary>
    public double Sum(string metric, params string[] labels) =>
        Text.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
