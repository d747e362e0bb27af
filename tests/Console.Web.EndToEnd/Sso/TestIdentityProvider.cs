using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CapacityConsole.Web.EndToEnd.Sso;

/// <summary>
/// A real OpenID Connect provider (the OpenIddict server) on a loopback port of its own: discovery,
/// JWKS, the authorization endpoint (code flow, PKCE required) and the token endpoint with client
/// secret checks. Without a user database ("degraded mode"): whoever reaches the authorization
/// endpoint is signed in as <see cref="NextUser"/>, as if they had typed their password there.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "capacity-console";
    public const string ClientSecret = "test-client-secret";

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, Uri authority) => (_app, Authority) = (app, authority);

    public Uri Authority { get; }

    /// <summary>Who signs in next: user name, groups (the role claim) and team.</summary>
    public (string UserName, string[] Groups, string? Team) NextUser { get; set; } = ("ana", [], null);

    /// <summary>How many authorization requests carried a PKCE code challenge (S256).</summary>
    public int PkceChallenges { get; private set; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.EnableDegradedMode();
            o.UseAspNetCore().DisableTransportSecurityRequirement();

            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client_id.");
                else if (context.RedirectUri is not { } redirect || !redirect.EndsWith("/signin-oidc", StringComparison.Ordinal))
                    context.Reject(Errors.InvalidRequest, "The redirect_uri is not the console's callback.");
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
            o.AddEventHandler<HandleAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (!string.IsNullOrEmpty(context.Request.CodeChallenge) && context.Request.CodeChallengeMethod == CodeChallengeMethods.Sha256)
                    self!.PkceChallenges++;
                var (userName, groups, team) = self!.NextUser;
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, "sub-" + userName));
                identity.AddClaim(new Claim(Claims.PreferredUsername, userName));
                identity.AddClaim(new Claim(Claims.Name, userName.ToUpperInvariant()));
                foreach (var group in groups) identity.AddClaim(new Claim("groups", group));
                if (team is not null) identity.AddClaim(new Claim("team", team));
                foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.IdentityToken, Destinations.AccessToken);
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                context.Principal = principal;
                return default;
            }));
        });
        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestIdentityProvider(app, new Uri(address.TrimEnd('/') + "/"));
        // OpenIddict builds its keys and handlers on the first request; done here, a console started
        // next does not wait for it inside its own start-up discovery check.
        using var warmUp = new HttpClient { BaseAddress = self.Authority, Timeout = TimeSpan.FromMinutes(1) };
        (await warmUp.GetAsync(".well-known/openid-configuration")).EnsureSuccessStatusCode();
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
