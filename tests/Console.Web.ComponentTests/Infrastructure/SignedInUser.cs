using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CapacityConsole.Web.ComponentTests.Infrastructure;

/// <summary>
/// The signed-in user as the cookie handler would present it: name, display name and one role claim
/// per role, as the console's sign-in issues them.
/// </summary>
public sealed class SignedInUser(string userName, Role roles) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, userName), new("display_name", userName) };
        claims.AddRange(Enum.GetValues<Role>().Where(r => r != Role.None && (roles & r) == r).Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "cookie"))));
    }
}
