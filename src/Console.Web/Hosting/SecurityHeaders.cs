namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Response headers every answer carries (issue 10): no MIME sniffing, no referrer leaving the
/// site, no framing of any HTML page (clickjacking), no caching of API answers, and HSTS when
/// served over HTTPS (UseHsts adds it only there). Kestrel's Server header is off (ConfigureKestrel).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// For the console's Blazor pages. Blazor Server and MudBlazor run from 'self' with no inline
    /// script (the reconnect links are wired by reconnect.js); MudBlazor sets inline styles, hence
    /// style-src 'unsafe-inline'; the circuit's WebSocket is same-origin ('self').
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Hangfire's dashboard and the Scalar API page ship their own inline scripts; they get only the framing rule.</summary>
    public const string ThirdPartyPagePolicy = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api"))
                headers.CacheControl = "no-store";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var thirdParty = path.StartsWithSegments("/hangfire") || path.StartsWithSegments(Api.ApiSetup.BrowsablePath);
                headers.ContentSecurityPolicy = thirdParty ? ThirdPartyPagePolicy : PagePolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}
