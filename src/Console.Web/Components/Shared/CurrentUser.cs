using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// The signed-in user as the domain sees them: an <see cref="Actor"/> with roles from the cookie's
/// claims and the team from the user record (the team scopes what a service owner may request for).
/// Scoped: one per circuit.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider auth, UserRepository users)
{
    private Actor? _actor;

    public async Task<Actor> GetActorAsync()
    {
        if (_actor is not null) return _actor;
        var principal = (await auth.GetAuthenticationStateAsync()).User;
        var name = principal.FindFirstValue(ClaimTypes.Name)
            ?? throw new InvalidOperationException("A page that acts for a user must require a signed-in user.");
        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : Role.None)
            .Aggregate(Role.None, (a, r) => a | r);
        var team = (await users.FindAsync(name))?.Team;
        return _actor = new Actor(name, team, roles);
    }
}
