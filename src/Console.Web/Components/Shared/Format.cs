using System.Globalization;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>How the console writes money, cores and times: CNY with fen, thousands separators, UTC.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Rounded to the fen first, so a rounding remainder never shows as "¥-0.00" or "¥-0.01".</summary>
    public static string Cny(decimal amount)
    {
        var fen = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        if (fen is <= 0m and >= -0.01m) fen = 0m; // a fen below zero is accrual rounding noise, not money (and no "-0.00")
        return "¥" + fen.ToString("#,##0.00", Invariant);
    }

    /// <summary>What is left of an amount, or how far over it goes: never a negative sum of money.</summary>
    public static string Left(decimal amount) => Math.Round(amount, 2) < 0 ? $"{Cny(-amount)} over" : $"{Cny(amount)} left";

    /// <summary>An extra cost, or a saving when it is negative: never a negative sum of money.</summary>
    public static string ExtraCost(decimal amount) => Math.Round(amount, 2) < 0 ? $"saves {Cny(-amount)}" : Cny(amount);
    public static string Cores(int cores) => cores.ToString("#,##0", Invariant);
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", Invariant);
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);
    /// <summary>To the second, where order matters (batches, audit): minutes alone put them out of order.</summary>
    public static string Seconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);
    public static string Percent(double share) => share.ToString("0%", Invariant);
    public static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss 'UTC'", Invariant);
    /// <summary>An instance type that may wrap after its dots only: "ecs.c7.16xlarge" never becomes "ecs.c7.16xl/arge".</summary>
    public static Microsoft.AspNetCore.Components.MarkupString Breakable(string text) =>
        new(System.Net.WebUtility.HtmlEncode(text).Replace(".", ".<wbr>", StringComparison.Ordinal));

    public static string Duration(TimeSpan d) => CapacityConsole.Scheduler.Provisioning.LeadTimeEstimate.Format(d);
}
