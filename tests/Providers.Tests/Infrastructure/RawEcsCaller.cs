using System.Net.Http.Headers;
using System.Text.Json;
using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Signing;

namespace CapacityConsole.Providers.Tests.Infrastructure;

/// <summary>
/// Hand-built requests for the protocol edge cases the real client never produces (unsigned,
/// replayed, stale, tampered, GET, form body). Signs with the spec-verified signers.
/// </summary>
public sealed class RawEcsCaller(EcsTestBed bed) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = bed.Host.BaseAddress };

    public sealed record Answer(int Status, JsonElement Body, HttpResponseHeaders Headers)
    {
        public string? Code => Body.TryGetProperty("Code", out var c) ? c.GetString() : null;
        public string? Message => Body.TryGetProperty("Message", out var m) ? m.GetString() : null;
    }

    /// <summary>The V1 common parameters plus <paramref name="business"/>, unsigned.</summary>
    public Dictionary<string, string> V1(string action, Dictionary<string, string>? business = null, DateTimeOffset? at = null, string? nonce = null)
    {
        var p = new Dictionary<string, string>(business ?? [], StringComparer.Ordinal)
        {
            ["Action"] = action,
            ["Version"] = "2014-05-26",
            ["Format"] = "JSON",
            ["AccessKeyId"] = bed.Host.Credentials.AccessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = nonce ?? Guid.NewGuid().ToString(),
            ["Timestamp"] = EcsTime.ToWire(at ?? bed.Time.GetUtcNow()),
        };
        return p;
    }

    public async Task<Answer> SendV1Async(Dictionary<string, string> parameters, string method = "POST", bool formBody = false,
        string? secret = null, bool sign = true)
    {
        var p = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        if (sign) p["Signature"] = RpcSigner.Sign(method, p, secret ?? bed.Host.Credentials.AccessKeySecret);
        using var request = new HttpRequestMessage(new HttpMethod(method), formBody ? "/" : "/?" + EcsPercentEncoder.CanonicalQuery(p));
        if (formBody) request.Content = new FormUrlEncodedContent(p);
        return await SendAsync(request);
    }

    /// <summary>A V3 call; <paramref name="tamper"/> changes the query after signing.</summary>
    public async Task<Answer> SendV3Async(string action, Dictionary<string, string> query, Action<Dictionary<string, string>>? tamper = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["host"] = bed.Host.BaseAddress.Authority,
            ["x-acs-action"] = action,
            ["x-acs-version"] = "2014-05-26",
            ["x-acs-date"] = EcsTime.ToWire(bed.Time.GetUtcNow()),
            ["x-acs-signature-nonce"] = Guid.NewGuid().ToString("N"),
            ["x-acs-content-sha256"] = Acs3Signer.EmptyPayloadHash,
        };
        var canonical = Acs3Signer.CanonicalRequest("POST", query, headers, Acs3Signer.EmptyPayloadHash);
        var signature = Acs3Signer.Sign(canonical, bed.Host.Credentials.AccessKeySecret);
        var sent = new Dictionary<string, string>(query);
        tamper?.Invoke(sent);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/?" + EcsPercentEncoder.CanonicalQuery(sent));
        foreach (var (name, value) in headers.Where(h => h.Key != "host")) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization",
            Acs3Signer.Authorization(bed.Host.Credentials.AccessKeyId, Acs3Signer.SignedHeaders(headers), signature));
        return await SendAsync(request);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new Answer((int)response.StatusCode, body, response.Headers);
    }

    public void Dispose() => _http.Dispose();
}
