namespace CapacityConsole.Providers.AlibabaCloud.Signing;

/// <summary>
/// RFC 3986 percent-encoding as both ECS signatures require (spec §2.1 step 3). Uri.EscapeDataString
/// already leaves only A–Z a–z 0–9 - _ . ~ raw and uses uppercase hex; WebUtility.UrlEncode would
/// emit '+' for space and leave '*' raw, which breaks the signature.
/// </summary>
public static class EcsPercentEncoder
{
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>name=value pairs, sorted by ordinal name order (VSwitchId before Version), joined by '&amp;'.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
}
