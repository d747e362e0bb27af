namespace CapacityConsole.Scheduler.Access;

/// <summary>A local user of the embedded default. Only the password hash is ever stored.</summary>
public sealed record User(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Team,
    Role Roles,
    string PasswordHash,
    DateTimeOffset CreatedAt)
{
    public bool Has(Role role) => (Roles & role) == role;
}
