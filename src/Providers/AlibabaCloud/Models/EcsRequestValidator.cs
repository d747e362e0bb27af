using System.Globalization;
using System.Text.RegularExpressions;

namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>
/// Checks done before sending so a bad request fails here, naming its field, instead of costing a
/// rate-limited call. Limits are the documented ones (spec §3.6, §3.7).
/// </summary>
internal static partial class EcsRequestValidator
{
    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();

    public static void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new EcsValidationException(field, $"{field} is required.");
    }

    public static void Region(string? regionId)
    {
        Required("RegionId", regionId);
        if (!RegionPattern().IsMatch(regionId!))
            throw new EcsValidationException("RegionId", $"RegionId '{regionId}' is not a region id such as cn-beijing.");
    }

    /// <summary>A zone id is its region id plus a suffix: cn-beijing-h, ap-southeast-1a.</summary>
    public static void Zone(string? zoneId, string? regionId, bool required)
    {
        if (zoneId is null && !required) return;
        Required("ZoneId", zoneId);
        if (!RegionPattern().IsMatch(zoneId!) || regionId is null || zoneId!.Length <= regionId.Length
            || !zoneId.StartsWith(regionId, StringComparison.Ordinal))
            throw new EcsValidationException("ZoneId", $"ZoneId '{zoneId}' is not a zone of region '{regionId}'.");
    }

    public static void Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new EcsValidationException(field, $"{field} must be between {min} and {max}; it was {value}.");
    }

    public static void ClientToken(string? token)
    {
        if (token is null) return;
        if (token.Length is 0 or > 64 || token.Any(c => c > 127))
            throw new EcsValidationException("ClientToken", "ClientToken must be 1-64 ASCII characters.");
    }

    public static void Tags(IReadOnlyList<(string? Key, string? Value)>? tags)
    {
        if (tags is null) return;
        Range("Tag", tags.Count, 0, 20);
        for (var i = 0; i < tags.Count; i++)
        {
            var (key, value) = tags[i];
            var keyField = $"Tag.{i + 1}.Key";
            if (string.IsNullOrEmpty(key) || key.Length > 128)
                throw new EcsValidationException(keyField, $"{keyField} must be 1-128 characters.");
            if (key.StartsWith("aliyun", StringComparison.OrdinalIgnoreCase) || key.StartsWith("acs:", StringComparison.OrdinalIgnoreCase))
                throw new EcsValidationException(keyField, $"{keyField} must not start with 'aliyun' or 'acs:'.");
            CheckNoUrl(keyField, key);
            var valueField = $"Tag.{i + 1}.Value";
            if (value is { Length: > 128 })
                throw new EcsValidationException(valueField, $"{valueField} must be at most 128 characters.");
            if (value is not null) CheckNoUrl(valueField, value);
        }
    }

    public static void Time(string field, string value)
    {
        if (!DateTimeOffset.TryParseExact(value, EcsTime.Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            throw new EcsValidationException(field, $"{field} must be UTC yyyy-MM-ddTHH:mm:ssZ.");
    }

    private static void CheckNoUrl(string field, string text)
    {
        if (text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase))
            throw new EcsValidationException(field, $"{field} must not contain http:// or https://.");
    }
}
