using System.Security.Cryptography;
using System.Text;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Makes and hashes API keys. A key carries 256 random bits, so a plain SHA-256 is enough to store
/// it: unlike a password there is nothing to guess, and a slow hash would only slow every call.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>Marks our keys, so a key pasted in the wrong place is recognisable (and greppable by secret scanners).</summary>
    public const string Marker = "cck_";

    public const int PrefixLength = 12;

    /// <summary>Anything longer is not one of our keys; refusing it early keeps hashing cheap.</summary>
    public const int MaxLength = 128;

    public static string Generate() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key[..Math.Min(PrefixLength, key.Length)];
}
