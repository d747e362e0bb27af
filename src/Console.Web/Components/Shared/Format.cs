using System.Globalization;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>How the console writes money, cores and times: CNY with fen, thousands separators, UTC.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Cny(decimal amount) => "¥" + amount.ToString("#,##0.00", Invariant);
    public static string Cores(int cores) => cores.ToString("#,##0", Invariant);
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", Invariant);
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);
    public static string Percent(double share) => share.ToString("0%", Invariant);
    public static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss 'UTC'", Invariant);
    public static string Duration(TimeSpan d) => d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes:00} min" : $"{d.Minutes} min";
}
