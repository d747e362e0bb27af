using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

internal static class UserPrincipal
{
    public const string DisplayNameClaim = "display_name";
    public const string TeamClaim = "team";

    public static ClaimsPrincipal For(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayNameClaim, user.DisplayName),
        };
        // The team scopes what a service owner may file (Actor.OwnsServiceOf).
        if (user.Team is not null) claims.Add(new Claim(TeamClaim, user.Team));
        claims.AddRange(RoleClaims(user.Roles));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static IEnumerable<Claim> RoleClaims(Role roles) =>
        Enum.GetValues<Role>().Where(r => r != Role.None && (roles & r) == r).Select(r => new Claim(ClaimTypes.Role, r.ToString()));
}
