namespace CapacityConsole.Scheduler.Access;

/// <summary>What an admin fills in to create a local user. The password is hashed, never stored or audited.</summary>
public sealed record NewUser(string UserName, string DisplayName, string? Team, IReadOnlyList<Role> Roles, string Password);
