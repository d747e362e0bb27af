using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CapacityConsole.Web.Auth;

public enum SignInOutcome { SignedIn, Refused, LockedOut }

/// <summary>
/// Checks a local user's password, opens a server-side session and issues the sign-in cookie.
/// Repeated failures lock the typed user name for a while (SignInLockout), existing or not.
/// </summary>
public sealed class SignInService(
    UserRepository users, UserPasswords passwords, UserSessions sessions, SignInLockout lockout, ILogger<SignInService> logger)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        if (await lockout.LockedUntilAsync(userName) is { } locked)
        {
            // Refused without looking at the password: a locked name cannot be guessed at meanwhile.
            logger.LogWarning("Sign-in refused for user name {UserName}: locked until {Until:u}", userName, locked);
            return SignInOutcome.LockedOut;
        }
        var user = await users.FindAsync(userName);
        // A disabled user is refused like a wrong password, so the answer does not reveal which
        // user names exist; the log says why for the admin.
        if (user is null || user.Disabled || !passwords.Verify(user, password))
        {
            // The user name is logged to spot guessing; the password never is.
            logger.LogWarning("Failed sign-in for user name {UserName} (disabled: {Disabled})", userName, user?.Disabled == true);
            return await lockout.RecordFailureAsync(userName) is null ? SignInOutcome.Refused : SignInOutcome.LockedOut;
        }
        await lockout.ResetAsync(userName);
        var session = await sessions.StartAsync(user.UserName);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.For(user, session));
        return SignInOutcome.SignedIn;
    }

    /// <summary>Ends the caller's session on the server, then drops the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.SessionId() is { } session) await sessions.EndAsync(session);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
