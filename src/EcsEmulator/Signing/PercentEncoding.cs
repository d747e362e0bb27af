using System.Security.Cryptography;
using System.Text;

namespace CapacityConsole.EcsEmulator.Signing;

/// <summary>
/// The emulator's own copy of the canonicalisation rules, deliberately not shared with the client:
/// a shared bug would make both sides agree and hide it. Both are tested against the spec vectors.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value) => Uri.EscapeDataString(value);

    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>Constant-time comparison so signature checks do not leak how many characters matched.</summary>
    public static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
