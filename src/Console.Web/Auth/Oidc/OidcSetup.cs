using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Auth.Oidc;

/// <summary>
/// Single sign-on beside the local users: the OpenID Connect handler (code flow with PKCE) signs
/// people in with the console's own cookie, carrying the roles mapped from the identity provider's
/// claim. Its own files, so the local sign-in (Auth/) stays as it is.
/// </summary>
public static class OidcSetup
{
    public const string SignInPath = "/auth/oidc/signin";

    public static WebApplicationBuilder AddConsoleOidc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LocalUsersOptions>().BindConfiguration(LocalUsersOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalUsersOptions>, LocalUsersNeedASignIn>();
        // The failure becomes one start-up line; the client's own request logging would add a stack trace to it.
        services.AddHttpClient(nameof(OidcDiscoveryCheck)).RemoveAllLoggers();
        services.AddHostedService<OidcDiscoveryCheck>();

        // Whether the handler exists is decided here, from configuration (as for the clock hook); its
        // settings are bound and validated above.
        if (!builder.Configuration.GetValue<bool>($"{OidcOptions.SectionName}:{nameof(OidcOptions.Enabled)}")) return builder;

        services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, "Single sign-on", _ => { });
        services.AddOptions<OpenIdConnectOptions>(OidcOptions.Scheme).Configure<IOptions<OidcOptions>>((o, configured) =>
        {
            var oidc = configured.Value;
            o.Authority = oidc.Authority?.ToString();
            o.RequireHttpsMetadata = oidc.Authority?.IsLoopback != true;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
            o.MapInboundClaims = false; // claim names as the identity provider sends them: RoleClaim and TeamClaim name those
            o.GetClaimsFromUserInfoEndpoint = true;
            o.SaveTokens = false; // the console calls no API on the user's behalf; no token in the cookie
            // On plain-http loopback (tests, a local IdP) the correlation and nonce cookies must not be
            // marked Secure, or they never come back; on https they are.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnTokenValidated = async context =>
            {
                var principal = OidcPrincipal.From(context.Principal!, oidc);
                // A server-side session like a local sign-in's (issue 10): sign-out ends it, so a copied
                // cookie stops working for SSO users too.
                var session = await context.HttpContext.RequestServices.GetRequiredService<UserSessions>()
                    .StartAsync(principal.FindFirstValue(ClaimTypes.Name)!, context.HttpContext.RequestAborted);
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserPrincipal.SessionClaim, session.ToString()));
                context.Principal = principal;
            };
            o.Events.OnUserInformationReceived = context =>
            {
                // Claims only the userinfo endpoint sends (groups, team) join the id token's before mapping.
                var identity = (System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!;
                foreach (var property in context.User.RootElement.EnumerateObject())
                {
                    if (identity.HasClaim(c => c.Type == property.Name)) continue;
                    if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Array)
                        foreach (var item in property.Value.EnumerateArray()) identity.AddClaim(new(property.Name, item.ToString()));
                    else identity.AddClaim(new(property.Name, property.Value.ToString()));
                }
                return Task.CompletedTask;
            };
        });

        return builder;
    }

    public static IEndpointRouteBuilder MapOidcEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled) return app;
        app.MapGet(SignInPath, (string? returnUrl) => TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OidcOptions.Scheme]))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Only a path on this site is returned to after sign-in (no open redirect to another host).</summary>
    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/";

    /// <summary>
    /// With local users switched off, the sign-in page sends people to the identity provider and a
    /// posted password is refused, whatever the page's form does.
    /// </summary>
    public static WebApplication UseLocalSignInGate(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.Equals("/signin", StringComparison.OrdinalIgnoreCase)
                && !http.RequestServices.GetRequiredService<IOptions<LocalUsersOptions>>().Value.Enabled)
            {
                if (HttpMethods.IsGet(http.Request.Method))
                {
                    http.Response.Redirect(SignInPath + http.Request.QueryString);
                    return;
                }
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsJsonAsync(new
                {
                    title = "Local sign-in is switched off",
                    status = 403,
                    detail = $"Sign in through single sign-on at {SignInPath} ({LocalUsersOptions.SectionName}:Enabled is false).",
                }, options: null, contentType: "application/problem+json");
                return;
            }
            await next();
        });
        return app;
    }

    private sealed class LocalUsersNeedASignIn(IOptions<OidcOptions> oidc) : IValidateOptions<LocalUsersOptions>
    {
        public ValidateOptionsResult Validate(string? name, LocalUsersOptions options) =>
            options.Enabled || oidc.Value.Enabled
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{LocalUsersOptions.SectionName}:Enabled is false but {OidcOptions.SectionName}:Enabled is not true: nobody could sign in.");
    }
}
