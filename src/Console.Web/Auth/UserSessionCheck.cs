using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// Checks a sign-in cookie against the user record on each request: a user an admin disabled (or
/// who no longer exists) is signed out at once instead of keeping a 12-hour session, and changed
/// roles or team take effect without signing in again.
/// </summary>
internal static class UserSessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.FindFirstValue(ClaimTypes.Name);
        if (name is null) return;
        var user = await context.HttpContext.RequestServices.GetRequiredService<UserRepository>().FindAsync(name);
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var roles = context.Principal!.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : Role.None)
            .Aggregate(Role.None, (all, r) => all | r);
        if (roles != user.Roles || context.Principal.FindFirstValue(UserPrincipal.TeamClaim) != user.Team)
        {
            context.ReplacePrincipal(UserPrincipal.For(user));
            context.ShouldRenew = true;
        }
    }
}
