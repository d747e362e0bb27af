using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.AlibabaCloud.Signing;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>
/// Innermost handler: turns the <see cref="EcsCall"/> into a signed POST with all parameters in the
/// query and an empty body, as the .NET SDK sends it (spec §2.4).
/// </summary>
internal sealed class EcsSigningHandler(IOptionsMonitor<EcsClientOptions> options, TimeProvider time) : DelegatingHandler
{
    public const string ApiVersion = "2014-05-26";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var call = EcsCall.Of(request) ?? throw new InvalidOperationException("ECS request without an EcsCall.");
        var o = options.CurrentValue;
        var baseUri = EcsEndpoint.For(o, call.Region);
        var timestamp = EcsTime.ToWire(time.GetUtcNow());
        var nonce = Guid.NewGuid().ToString("N");
        foreach (var name in request.Headers.Select(h => h.Key).Where(Acs3Signer.IsSignedHeader).ToList())
            request.Headers.Remove(name);
        request.Headers.Authorization = null;
        request.Content = null;

        if (o.SignatureAlgorithm == "v2") SignRpc(request, call, o, baseUri, timestamp, nonce);
        else SignAcs3(request, call, o, baseUri, timestamp, nonce);
        return base.SendAsync(request, ct);
    }

    private static void SignRpc(HttpRequestMessage request, EcsCall call, EcsClientOptions o, Uri baseUri, string timestamp, string nonce)
    {
        var p = new EcsParameters();
        foreach (var (k, v) in call.Parameters) p[k] = v;
        p.Set("Action", call.Action).Set("Version", ApiVersion).Set("Format", "JSON")
            .Set("AccessKeyId", o.AccessKeyId).Set("SignatureMethod", RpcSigner.SignatureMethod)
            .Set("SignatureVersion", RpcSigner.SignatureVersion).Set("SignatureNonce", nonce)
            .Set("Timestamp", timestamp).Set("SecurityToken", o.SecurityToken);
        p["Signature"] = RpcSigner.Sign("POST", p, o.AccessKeySecret!);
        request.Method = HttpMethod.Post;
        request.RequestUri = new Uri(baseUri, "/?" + EcsPercentEncoder.CanonicalQuery(p));
    }

    private static void SignAcs3(HttpRequestMessage request, EcsCall call, EcsClientOptions o, Uri baseUri, string timestamp, string nonce)
    {
        request.Method = HttpMethod.Post;
        var query = EcsPercentEncoder.CanonicalQuery(call.Parameters);
        request.RequestUri = new Uri(baseUri, query.Length == 0 ? "/" : "/?" + query);
        var headers = new Dictionary<string, string>
        {
            ["host"] = request.RequestUri.Authority,
            ["x-acs-action"] = call.Action,
            ["x-acs-version"] = ApiVersion,
            ["x-acs-date"] = timestamp,
            ["x-acs-signature-nonce"] = nonce,
            ["x-acs-content-sha256"] = Acs3Signer.EmptyPayloadHash,
        };
        if (!string.IsNullOrEmpty(o.SecurityToken)) headers["x-acs-security-token"] = o.SecurityToken;
        var canonical = Acs3Signer.CanonicalRequest("POST", call.Parameters, headers, Acs3Signer.EmptyPayloadHash);
        var signature = Acs3Signer.Sign(canonical, o.AccessKeySecret!);
        request.Headers.Host = headers["host"];
        foreach (var (name, value) in headers.Where(h => h.Key != "host")) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization",
            Acs3Signer.Authorization(o.AccessKeyId!, Acs3Signer.SignedHeaders(headers), signature));
    }
}
