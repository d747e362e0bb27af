using System.Globalization;
using System.Text.Json;

namespace CapacityConsole.Scheduler.Audit;

/// <summary>One field an audit event changed, or set when there was nothing before.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// An audit event's before → after as the fields that changed (issue 14: not raw JSON). The stored
/// snapshots are flat JSON objects; anything else (an array, a scalar) is shown as one "Value" field.
/// </summary>
public static class AuditChanges
{
    public static IReadOnlyList<AuditChange> Of(AuditEvent e)
    {
        var before = Fields(e.Before);
        var after = Fields(e.After);
        var names = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal);
        return names
            .Select(n => new AuditChange(n, before.GetValueOrDefault(n), after.GetValueOrDefault(n)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return fields;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                fields["Value"] = Text(doc.RootElement);
                return fields;
            }
            foreach (var p in doc.RootElement.EnumerateObject()) fields[p.Name] = Text(p.Value);
        }
        catch (JsonException)
        {
            fields["Value"] = json; // written by hand long ago: show it as it is rather than nothing
        }
        return fields;
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var i) ? i.ToString(CultureInfo.InvariantCulture) : v.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(Text)),
        _ => v.GetRawText(),
    };
}
