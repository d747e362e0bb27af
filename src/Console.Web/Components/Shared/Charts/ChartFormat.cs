using System.Globalization;

namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>How values and moments read in legends and mark lists: the console's own formats, with units.</summary>
public static class ChartFormat
{
    public static string Value(ChartUnit unit, decimal value) => unit switch
    {
        ChartUnit.Cny => Format.Cny(Math.Round(value, 2)),
        _ => Format.Cores((int)Math.Round(value)) + " cores",
    };

    /// <summary>Seconds when the chart spans less than a day (order matters there); the date too when it spans more.</summary>
    public static string Moment(DateTimeOffset at, TimeChartModel chart, bool utc = true) =>
        at.UtcDateTime.ToString((chart.To - chart.From > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm:ss") + (utc ? " 'UTC'" : ""), CultureInfo.InvariantCulture);
}
