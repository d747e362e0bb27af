using System.Security.Cryptography;
using System.Text;
using CapacityConsole.EcsEmulator.Protocol;

namespace CapacityConsole.EcsEmulator.Signing;

/// <summary>ACS3-HMAC-SHA256 (spec §2.3), using the headers the caller lists in SignedHeaders.</summary>
internal static class V3SignatureVerifier
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    public sealed record Authorization(string AccessKeyId, string[] SignedHeaders, string Signature);

    public static Authorization Parse(string header)
    {
        var fields = header[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var ak) || !fields.TryGetValue("SignedHeaders", out var signed)
            || !fields.TryGetValue("Signature", out var signature) || ak.Length == 0 || signature.Length == 0)
            throw new EcsError(400, "IncompleteSignature", "The Authorization header lacks Credential, SignedHeaders or Signature.");
        return new Authorization(ak, signed.Split(';'), signature);
    }

    public static void Verify(EcsRequest r, Authorization auth, string secret)
    {
        // Without these signed, a captured request could be replayed with another date or nonce.
        foreach (var needed in new[] { "host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" })
            if (!auth.SignedHeaders.Contains(needed))
                throw new EcsError(400, "IncompleteSignature", $"SignedHeaders must include {needed}.");
        var payloadHash = r.Headers.GetValueOrDefault("x-acs-content-sha256") ?? "";
        if (!string.Equals(payloadHash, PercentEncoding.Sha256Hex(r.Body), StringComparison.OrdinalIgnoreCase))
            throw new EcsError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 does not match the request body.");

        var canonical = new StringBuilder()
            .Append(r.Method).Append("\n/\n")
            .Append(PercentEncoding.Canonical(r.QueryOnly)).Append('\n');
        foreach (var name in auth.SignedHeaders.Order(StringComparer.Ordinal))
            canonical.Append(name).Append(':').Append((name == "host" ? r.Host : r.Headers.GetValueOrDefault(name) ?? "").Trim()).Append('\n');
        canonical.Append('\n').Append(string.Join(';', auth.SignedHeaders.Order(StringComparer.Ordinal))).Append('\n').Append(payloadHash);

        var stringToSign = Algorithm + "\n" + PercentEncoding.Sha256Hex(canonical.ToString());
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        if (!PercentEncoding.SameText(expected, auth.Signature.ToLowerInvariant()))
            throw new EcsError(400, "SignatureDoesNotMatch",
                $"Specified signature is not matched with our calculation. server string to sign is:{stringToSign}");
    }
}
