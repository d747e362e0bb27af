using System.Globalization;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Signing;

/// <summary>
/// Decides who is calling and whether to believe it: scheme, AccessKey, timestamp window, signature,
/// STS token and nonce, in that order — the nonce is only spent once everything else passed, so a
/// refused request leaves no trace (spec §8.1–8.3).
/// </summary>
internal sealed class Authenticator(IOptions<EcsEmulatorOptions> options, NonceCache nonces, TimeProvider time)
{
    public const string ApiVersion = "2014-05-26";

    public void Authenticate(EcsRequest r)
    {
        var o = options.Value;
        string accessKeyId, version, timestamp, nonce;
        string? token;
        Action<string> verify;
        if (r.Headers.TryGetValue("authorization", out var header) && header.StartsWith(V3SignatureVerifier.Algorithm + " ", StringComparison.Ordinal))
        {
            var auth = V3SignatureVerifier.Parse(header);
            accessKeyId = auth.AccessKeyId;
            r.Action = r.Headers.GetValueOrDefault("x-acs-action") ?? throw EcsError.Missing("x-acs-action");
            version = r.Headers.GetValueOrDefault("x-acs-version") ?? throw EcsError.Missing("x-acs-version");
            timestamp = r.Headers.GetValueOrDefault("x-acs-date") ?? throw EcsError.Missing("x-acs-date");
            nonce = r.Headers.GetValueOrDefault("x-acs-signature-nonce") ?? throw EcsError.Missing("x-acs-signature-nonce");
            token = r.Headers.GetValueOrDefault("x-acs-security-token");
            verify = secret => V3SignatureVerifier.Verify(r, auth, secret);
        }
        else
        {
            if (r.Get("Signature") is null)
                throw new EcsError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: no Signature.");
            accessKeyId = r.Require("AccessKeyId");
            r.Action = r.Require("Action");
            version = r.Require("Version");
            timestamp = r.Require("Timestamp");
            nonce = r.Require("SignatureNonce");
            token = r.Get("SecurityToken");
            if (r.Get("SignatureMethod") != "HMAC-SHA1" || r.Get("SignatureVersion") != "1.0")
                throw new EcsError(400, "IncompleteSignature", "SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.");
            verify = secret => V1SignatureVerifier.Verify(r, secret);
        }

        var credential = o.Credentials.FirstOrDefault(c => c.AccessKeyId == accessKeyId)
            ?? throw new EcsError(400, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        CheckTimestamp(timestamp, o.TimestampTolerance);
        verify(credential.AccessKeySecret);
        if (credential.SecurityToken is { } expected)
        {
            if (token is null) throw new EcsError(400, "MissingSecurityToken", "The STS credential needs a SecurityToken.");
            if (!PercentEncoding.SameText(token, expected)) throw new EcsError(400, "InvalidSecurityToken.Expired", "The security token is invalid or has expired.");
        }
        if (version != ApiVersion) throw EcsError.Invalid("Version", $"only {ApiVersion} is served.");
        if (!nonces.TryUse(accessKeyId, nonce, o.TimestampTolerance * 2))
            throw new EcsError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        r.AccessKeyId = accessKeyId;
    }

    private void CheckTimestamp(string text, TimeSpan tolerance)
    {
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            throw new EcsError(400, "IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied or malformed.");
        if ((time.GetUtcNow() - at).Duration() > tolerance)
            throw new EcsError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
}
