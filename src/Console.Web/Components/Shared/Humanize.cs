using System.Text;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// The one place enum names become words (issue 14): "PendingApproval" → "Pending approval",
/// "ServiceOwner" → "Service owner", "Idc" → "IDC". Every view shows enums through this.
/// </summary>
internal static class Humanize
{
    // Names that are not simply split words: acronyms and brand names.
    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        ["Idc"] = "IDC",
        ["AlibabaCloud"] = "Alibaba Cloud",
        ["OnCall"] = "On-call",
        ["HotCache"] = "Hot cache",
    };

    public static string Enum<T>(T value) where T : struct, System.Enum => Words(value.ToString());

    /// <summary>A PascalCase name (or a comma-separated list of them, as flags print) in words.</summary>
    public static string Words(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        if (name.Contains(", ", StringComparison.Ordinal))
            return string.Join(", ", name.Split(", ").Select(Words));
        if (Special.TryGetValue(name, out var special)) return special;
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            var startsWord = i > 0 && char.IsUpper(ch) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord) text.Append(' ');
            text.Append(i == 0 || !startsWord ? ch : char.ToLowerInvariant(ch));
        }
        return text.ToString();
    }
}
