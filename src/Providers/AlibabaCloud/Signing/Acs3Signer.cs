using System.Security.Cryptography;
using System.Text;

namespace CapacityConsole.Providers.AlibabaCloud.Signing;

/// <summary>The V3 signature ACS3-HMAC-SHA256 (spec §2.3), the official SDK's default.</summary>
public static class Acs3Signer
{
    public const string Algorithm = "ACS3-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Headers that take part in the signature: host, content-type and every x-acs-*.</summary>
    public static bool IsSignedHeader(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase);

    public static string SignedHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        string.Join(';', headers.Select(h => h.Key.ToLowerInvariant()).Where(IsSignedHeader).Order(StringComparer.Ordinal));

    public static string CanonicalRequest(
        string httpMethod,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload)
    {
        var signed = headers
            .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value.Trim()))
            .Where(h => IsSignedHeader(h.Key))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .ToList();
        var sb = new StringBuilder();
        sb.Append(httpMethod.ToUpperInvariant()).Append('\n').Append("/\n");
        sb.Append(EcsPercentEncoder.CanonicalQuery(query)).Append('\n');
        foreach (var h in signed) sb.Append(h.Key).Append(':').Append(h.Value).Append('\n');
        sb.Append('\n').Append(string.Join(';', signed.Select(h => h.Key))).Append('\n');
        sb.Append(hashedPayload);
        return sb.ToString();
    }

    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));

    /// <summary>Lowercase hex HMAC-SHA256; the key is the secret WITHOUT the trailing '&amp;' of V1.</summary>
    public static string Sign(string canonicalRequest, string accessKeySecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(accessKeySecret),
            Encoding.UTF8.GetBytes(StringToSign(canonicalRequest))));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Authorization(string accessKeyId, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
}
