using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// Browsers sign in with the cookie, automation with an API key. The default scheme looks at the
/// request: one that carries a key is judged by the key alone (a stale cookie never stands in for a
/// refused key), any other by the cookie.
/// </summary>
public static class ConsoleSchemes
{
    public const string Default = "CookieOrApiKey";

    public static AuthenticationBuilder AddApiKeys(this AuthenticationBuilder builder) =>
        builder
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(Default, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.ReadKey(http.Request) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName);
}
