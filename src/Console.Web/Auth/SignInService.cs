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
        // A disabled user is refused like a wrong password, so the answer does not reveal which
        // user names exist; the log says why for the admin.
        if (user is null || user.Disabled || !passwords.Verify(user, password))
        {
            // The user name is logged to spot guessing; the password never is.
            logger.LogWarning("Failed sign-in for user name {UserName} (disabled: {Disabled})", userName, user?.Disabled == true);
            return false;
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.For(user));
        return true;
    }
}
