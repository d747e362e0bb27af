using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>
/// Parses GET or POST, with parameters in the query and/or an x-www-form-urlencoded body, merged
/// (spec §1). The raw body is kept for the V3 payload hash.
/// </summary>
internal static class RequestReader
{
    private const int MaxBodyBytes = 1 << 20;

    public static async Task<EcsRequest> ReadAsync(HttpContext ctx)
    {
        var http = ctx.Request;
        if (!HttpMethods.IsGet(http.Method) && !HttpMethods.IsPost(http.Method))
            throw new EcsError(405, "UnsupportedHTTPMethod", "Only GET and POST are supported.");
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ctx.RequestAborted);
        if (buffer.Length > MaxBodyBytes) throw new EcsError(400, "InvalidParameter", "The request body is too large.");
        var body = buffer.ToArray();

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in http.Query)
            query[key] = values.ToString();
        var merged = new Dictionary<string, string>(query, StringComparer.Ordinal);
        if (http.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            foreach (var (key, values) in QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)))
                merged[key] = values.ToString();

        var headers = http.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        return new EcsRequest(http.Method.ToUpperInvariant(), http.Host.Value ?? "", merged, query, headers, body);
    }
}
