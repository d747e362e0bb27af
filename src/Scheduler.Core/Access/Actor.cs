namespace CapacityConsole.Scheduler.Access;

/// <summary>Who is acting: the signed-in user or a service account, with the team that scopes a service owner.</summary>
public sealed record Actor(string UserName, string? Team, Role Roles)
{
    public bool Has(Role role) => (Roles & role) == role;

    /// <summary>Service owners act for their own team's services; admins for any.</summary>
    public bool OwnsServiceOf(string ownerTeam) =>
        Has(Role.Admin) || (Has(Role.ServiceOwner) && string.Equals(Team, ownerTeam, StringComparison.OrdinalIgnoreCase));

    public static Actor System(string name) => new(name, null, Role.Admin);
}
