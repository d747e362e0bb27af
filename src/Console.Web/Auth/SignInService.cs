using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

/// <summary>Checks a local user's password and issues the sign-in cookie.</summary>
public sealed class SignInService(UserRepository users, UserPasswords passwords, ILogger<SignInService> logger)
{
    public async Task<bool> SignInAsync(HttpContext http, string userName, string password)
    {
        var user = await users.FindAsync(userName);
        if (user is null || !passwords.Verify(user, password))
        {
            // The user name is logged to spot guessing; the password never is.
            logger.LogWarning("Failed sign-in for user name {UserName}", userName);
            return false;
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.For(user));
        return true;
    }
}
