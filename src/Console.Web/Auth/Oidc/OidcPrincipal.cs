using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth.Oidc;

/// <summary>
/// Turns the identity provider's claims into the console's principal: the same name, team and role
/// claims a local user gets, so policies, the audit trail and Actor work unchanged.
/// </summary>
internal static class OidcPrincipal
{
    /// <summary>Marks a principal that came from the identity provider (no local user record backs it).</summary>
    public const string SourceClaim = "capacity_auth_source";
    public const string Source = "oidc";

    public static ClaimsPrincipal From(ClaimsPrincipal external, OidcOptions options)
    {
        var name = external.FindFirstValue(options.UserNameClaim) ?? external.FindFirstValue("name") ?? external.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? external.FindFirstValue("sub") ?? throw new InvalidOperationException("The identity provider sent no user name or subject.");
        var roles = Role.Viewer;
        foreach (var value in external.FindAll(options.RoleClaim).Select(c => c.Value))
            if (options.RoleMapping.TryGetValue(value, out var mapped) && Enum.TryParse<Role>(mapped, out var role)) roles |= role;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier) ?? name),
            new(ClaimTypes.Name, name),
            new(UserPrincipal.DisplayNameClaim, external.FindFirstValue("name") ?? name),
            new(SourceClaim, Source),
        };
        if (external.FindFirstValue(options.TeamClaim) is { Length: > 0 } team) claims.Add(new Claim(UserPrincipal.TeamClaim, team));
        claims.AddRange(UserPrincipal.RoleClaims(roles));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static bool IsExternal(ClaimsPrincipal? principal) => principal?.FindFirstValue(SourceClaim) == Source;
}
