namespace CapacityConsole.Scheduler.Access;

/// <summary>A local user of the embedded default. Only the password hash is ever stored.</summary>
public sealed record User(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Team,
    Role Roles,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    bool Disabled = false)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private User() : this(default!, default!, default!, default!, default!, default!, default!, default) { }

    public bool Has(Role role) => (Roles & role) == role;
}
