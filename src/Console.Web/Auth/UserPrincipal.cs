using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

internal static class UserPrincipal
{
    public const string DisplayNameClaim = "display_name";
    public const string TeamClaim = "team";

    /// <summary>The server-side session (UserSessions) the cookie stands for; without an open one the cookie is refused.</summary>
    public const string SessionClaim = "session_id";

    public static ClaimsPrincipal For(User user, Guid session)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayNameClaim, user.DisplayName),
            new(SessionClaim, session.ToString()),
        };
        // The team scopes what a service owner may file (Actor.OwnsServiceOf).
        if (user.Team is not null) claims.Add(new Claim(TeamClaim, user.Team));
        claims.AddRange(RoleClaims(user.Roles));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static IEnumerable<Claim> RoleClaims(Role roles) =>
        Enum.GetValues<Role>().Where(r => r != Role.None && (roles & r) == r).Select(r => new Claim(ClaimTypes.Role, r.ToString()));
}

internal static class SessionClaims
{
    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserPrincipal.SessionClaim), out var id) ? id : null;
}
