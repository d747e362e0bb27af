using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Authorization;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// One policy per role of brief §7. Every page and endpoint names the policy it needs; Viewer is
/// the floor (every signed-in user holds it).
/// </summary>
public static class Policies
{
    public const string Viewer = nameof(Role.Viewer);
    public const string ServiceOwner = nameof(Role.ServiceOwner);
    public const string Planner = nameof(Role.Planner);
    public const string OnCall = nameof(Role.OnCall);
    public const string Admin = nameof(Role.Admin);

    public static void Add(AuthorizationOptions options)
    {
        foreach (var role in new[] { Viewer, ServiceOwner, Planner, OnCall, Admin })
            options.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
    }
}
