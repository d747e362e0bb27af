using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// No cross-site writes (issue 10). The design, stated in the README: a state change reaches the
/// API either with an API key / bearer token (which a browser never adds on its own), or with the
/// sign-in cookie plus a valid antiforgery token in the <see cref="HeaderName"/> header (fetched from
/// <see cref="TokenPath"/> by the signed-in page or script). SameSite=Lax alone let an empty form
/// POST, a body-less no-cors POST or a text/plain POST from another site change budgets and users.
/// The live hub refuses a cookie caller whose Origin is another site (a WebSocket carries the cookie
/// cross-site and is not covered by CORS).
/// </summary>
internal static class CrossSiteProtection
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string TokenPath = "/auth/antiforgery";

    public static IServiceCollection AddCrossSiteProtection(this IServiceCollection services) =>
        services.AddAntiforgery(o => o.HeaderName = HeaderName);

    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsCookieCaller(http))
        {
            if (http.Request.Path.StartsWithSegments("/api") && !IsSafe(http.Request.Method)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await RefuseAsync(http, StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid.",
                    $"A change made with the sign-in cookie needs the antiforgery token in the '{HeaderName}' header; " +
                    $"get it from GET {TokenPath}. Automation sends an API key instead. Nothing was changed.");
                return;
            }
            if (http.Request.Path.StartsWithSegments("/hubs") && !IsSameOrigin(http))
            {
                await RefuseAsync(http, StatusCodes.Status403Forbidden, "Foreign origin.",
                    $"The live hub takes cookie-authenticated connections only from this site, not from {http.Request.Headers.Origin}.");
                return;
            }
        }
        await next(http);
    });

    public static IEndpointRouteBuilder MapAntiforgeryToken(this IEndpointRouteBuilder app)
    {
        app.MapGet(TokenPath, (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new { headerName = HeaderName, token = tokens.RequestToken });
            })
            .RequireAuthorization(Policies.Viewer).ExcludeFromDescription();
        return app;
    }

    private static bool IsCookieCaller(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>No Origin (a non-browser client) or this very scheme, host and port.</summary>
    private static bool IsSameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problem = status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [HeaderName] = [detail] })
            : new ProblemDetails();
        (problem.Status, problem.Title, problem.Detail) = (status, title, detail);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
