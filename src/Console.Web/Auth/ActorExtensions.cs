using System.Security.Claims;
using CapacityConsole.Scheduler.Access;

namespace CapacityConsole.Web.Auth;

public static class ActorExtensions
{
    /// <summary>The domain's view of who is acting: name, team and roles from the principal's claims.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? throw new InvalidOperationException("An endpoint that acts needs an authenticated user.");
        var roles = Enum.GetValues<Role>().Where(r => r != Role.None && user.IsInRole(r.ToString()))
            .Aggregate(Role.None, (all, r) => all | r);
        return new Actor(name, user.FindFirstValue(UserPrincipal.TeamClaim), roles);
    }
}
