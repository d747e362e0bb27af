using CapacityConsole.Scheduler.Access;

namespace CapacityConsole.Scheduler.Seeding;

public static class DemoUsers
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string? Team, Role Roles)> All =
    [
        ("planner", "Pat Planner", null, Role.Planner | Role.Viewer),
        ("planner2", "Quinn Planner", null, Role.Planner | Role.Viewer),
        ("owner", "Olive Owner", "trade", Role.ServiceOwner | Role.Viewer),
        ("oncall", "Casey OnCall", null, Role.OnCall | Role.Viewer),
        ("admin", "Ada Admin", null, Role.Admin | Role.Planner | Role.OnCall | Role.Viewer),
        ("viewer", "Val Viewer", null, Role.Viewer),
    ];
}
