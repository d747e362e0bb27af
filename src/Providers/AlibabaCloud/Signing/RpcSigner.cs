using System.Security.Cryptography;
using System.Text;

namespace CapacityConsole.Providers.AlibabaCloud.Signing;

/// <summary>
/// The RPC signature, HMAC-SHA1 (SignatureVersion=1.0), spec §2.1. Kept although V3 is the default
/// because the official SDK falls back to it with SignatureAlgorithm="v2" and the emulator accepts both.
/// </summary>
public static class RpcSigner
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string SignatureVersion = "1.0";

    /// <param name="parameters">Every parameter except Signature (common + operation, query and body).</param>
    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters) =>
        httpMethod.ToUpperInvariant() + "&" + EcsPercentEncoder.Encode("/") + "&"
        + EcsPercentEncoder.Encode(EcsPercentEncoder.CanonicalQuery(parameters));

    public static string Sign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        // The key is the secret plus '&' (the empty token-secret slot of the old OAuth-like scheme).
        var mac = HMACSHA1.HashData(
            Encoding.UTF8.GetBytes(accessKeySecret + "&"),
            Encoding.UTF8.GetBytes(StringToSign(httpMethod, parameters)));
        return Convert.ToBase64String(mac);
    }
}
