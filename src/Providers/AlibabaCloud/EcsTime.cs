using System.Globalization;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>ECS time formats: requests use seconds, DescribeInstances answers in minutes (spec §3.0).</summary>
public static class EcsTime
{
    public const string Format = "yyyy-MM-ddTHH:mm:ssZ";
    public const string MinuteFormat = "yyyy-MM-ddTHH:mmZ";

    public static string ToWire(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParseExact(text, [Format, MinuteFormat], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
