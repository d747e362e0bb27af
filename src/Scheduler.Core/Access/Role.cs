namespace CapacityConsole.Scheduler.Access;

/// <summary>Roles of brief §7. A user may hold several.</summary>
[Flags]
public enum Role
{
    None = 0,
    Viewer = 1,
    ServiceOwner = 2,
    Planner = 4,
    OnCall = 8,
    Admin = 16,
}
