using System.Globalization;

namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>Typed reads of flattened parameters (spec §3.0), each failing with the documented code.</summary>
internal static class EcsRequestParams
{
    public static int Int(this EcsRequest r, string name, int fallback, int min, int max)
    {
        if (r.Get(name) is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw EcsError.Invalid(name, "not an integer.");
        if (value < min || value > max) throw EcsError.Invalid(name, $"must be between {min} and {max}.");
        return value;
    }

    /// <summary>A non-negative decimal number (GiB of memory), or null when absent.</summary>
    public static double? Number(this EcsRequest r, string name)
    {
        if (r.Get(name) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            throw EcsError.Invalid(name, "not a non-negative number.");
        return value;
    }

    /// <summary>Case-insensitive: the .NET SDK sends True/False, the docs true/false.</summary>
    public static bool Bool(this EcsRequest r, string name, bool fallback = false) => r.Get(name) switch
    {
        null => fallback,
        var t when bool.TryParse(t, out var b) => b,
        _ => throw EcsError.Invalid(name, "must be true or false."),
    };

    public static List<string> List(this EcsRequest r, string name, int max)
    {
        var values = new List<string>();
        for (var i = 1; r.Get($"{name}.{i}") is { } v; i++) values.Add(v);
        if (values.Count > max) throw EcsError.Invalid(name, $"at most {max} values.");
        if (r.Parameters.Keys.Any(k => k.StartsWith(name + ".", StringComparison.Ordinal)
                && int.TryParse(k[(name.Length + 1)..], out var n) && n > values.Count))
            throw EcsError.Invalid(name, "list indexes must start at 1 and be contiguous.");
        return values;
    }

    /// <summary>Tag.N.Key / Tag.N.Value, N 1–20, with the documented key and value rules.</summary>
    public static List<KeyValuePair<string, string>> Tags(this EcsRequest r)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var key in r.Parameters.Keys.Where(k => k.StartsWith("Tag.", StringComparison.Ordinal)))
        {
            var parts = key.Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[1], out var n) || n is < 1 or > 20 || parts[2] is not ("Key" or "Value"))
                throw EcsError.Invalid(key, "tags are Tag.N.Key / Tag.N.Value with N from 1 to 20.");
        }
        for (var n = 1; n <= 20; n++)
        {
            var k = r.Get($"Tag.{n}.Key");
            var v = r.Parameters.GetValueOrDefault($"Tag.{n}.Value");
            if (k is null)
            {
                if (v is not null) throw EcsError.Missing($"Tag.{n}.Key");
                continue;
            }
            if (k.Length > 128 || k.StartsWith("aliyun", StringComparison.OrdinalIgnoreCase) || k.StartsWith("acs:", StringComparison.OrdinalIgnoreCase)
                || k.Contains("http://", StringComparison.OrdinalIgnoreCase) || k.Contains("https://", StringComparison.OrdinalIgnoreCase))
                throw EcsError.Invalid($"Tag.{n}.Key", "1-128 characters, not starting with aliyun or acs:, no URLs.");
            if (v is { Length: > 128 } || v?.Contains("://", StringComparison.Ordinal) == true)
                throw EcsError.Invalid($"Tag.{n}.Value", "at most 128 characters, no URLs.");
            tags.Add(new(k, v ?? ""));
        }
        return tags;
    }

    public static DateTimeOffset? Time(this EcsRequest r, string name) => r.Get(name) is not { } text ? null
        : DateTimeOffset.TryParseExact(text, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : throw EcsError.Invalid(name, "must be UTC yyyy-MM-ddTHH:mm:ssZ.");
}
