using System.Security.Claims;
using System.Text.Encodings.Web;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// Authenticates automation by an API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>. The key acts as the user it was issued to (their name and team,
/// the key's roles that user still holds), so the four-eyes rules see the person behind it.
/// The key is hashed and looked up; it is never logged, not even in part.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key_id";

    /// <summary>The key the request carries, or null when it carries none (and the cookie scheme should answer).</summary>
    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString().Trim();
        // "Bearer" alone is a key that was meant to be sent and is missing: refused as empty, not taken for no key.
        return authorization.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? ""
            : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        if (presented.Length == 0) return AuthenticateResult.Fail("The API key header is empty.");

        var (holder, refusal) = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (holder is null) return AuthenticateResult.Fail(refusal ?? "The API key is not known or has been revoked.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, holder.Holder.Id.ToString()),
            new(ClaimTypes.Name, holder.Holder.UserName),
            new(UserPrincipal.DisplayNameClaim, holder.Holder.DisplayName),
            new(KeyIdClaim, holder.Key.Id.ToString()),
        };
        if (holder.Holder.Team is not null) claims.Add(new Claim(UserPrincipal.TeamClaim, holder.Holder.Team));
        claims.AddRange(UserPrincipal.RoleClaims(holder.Roles));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
