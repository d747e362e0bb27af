using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// Checks a sign-in cookie on each request against the server: its session must still be open
/// (sign-out, a password reset, a disable or a role change end it) and its user must exist and be
/// enabled. A cookie copied before any of those stops working at once instead of living its
/// 12 hours. <see cref="CircuitSessionCheck"/> does the same for open Blazor circuits.
/// </summary>
internal static class UserSessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && await IsValidAsync(principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static async Task<bool> IsValidAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        var name = principal.FindFirstValue(ClaimTypes.Name);
        // Cookies issued before sessions existed carry no session: they are refused, the user signs in again.
        if (name is null || principal.SessionId() is not { } session) return false;
        if (!await services.GetRequiredService<UserSessions>().IsActiveAsync(session, name, ct)) return false;
        // A single sign-on user has no local record: the identity provider decides the rest at the next sign-in.
        if (Oidc.OidcPrincipal.IsExternal(principal)) return true;
        var user = await services.GetRequiredService<UserRepository>().FindAsync(name, ct);
        return user is { Disabled: false };
    }
}
