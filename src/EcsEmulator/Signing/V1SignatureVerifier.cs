using System.Security.Cryptography;
using System.Text;
using CapacityConsole.EcsEmulator.Protocol;

namespace CapacityConsole.EcsEmulator.Signing;

/// <summary>RPC HMAC-SHA1 (spec §2.1): every parameter but Signature, query and form body merged.</summary>
internal static class V1SignatureVerifier
{
    public static string StringToSign(EcsRequest r) =>
        r.Method + "&%2F&" + PercentEncoding.Encode(PercentEncoding.Canonical(r.Parameters.Where(p => p.Key != "Signature")));

    public static void Verify(EcsRequest r, string secret)
    {
        var stringToSign = StringToSign(r);
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
        if (!PercentEncoding.SameText(expected, r.Parameters["Signature"]))
            throw new EcsError(400, "SignatureDoesNotMatch",
                $"Specified signature is not matched with our calculation. server string to sign is:{stringToSign}");
    }
}
