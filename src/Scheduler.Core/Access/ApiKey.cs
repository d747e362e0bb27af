namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// An API key issued to a named user (a person or a service account) and acting as that user,
/// scoped to some of the user's roles; the team is the user's. Only the SHA-256 of the key is kept;
/// <see cref="Prefix"/> lets a person tell keys apart in a list. <see cref="UserName"/> is null only
/// for keys made before keys named their holder: those are refused.
/// </summary>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string? Team,
    Role Roles,
    string KeyHash,
    string Prefix,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? UserName)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private ApiKey() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!) { }

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>What an admin fills in to create a key: its name, the user it is issued to, and which of that user's roles it carries.</summary>
public sealed record NewApiKey(string Name, string UserName, IReadOnlyList<Role> Roles);

/// <summary>A key that authenticated: it acts as <see cref="Holder"/> with <see cref="Roles"/> (the key's roles the holder still has).</summary>
public sealed record KeyHolder(ApiKey Key, User Holder, Role Roles);

/// <summary>A key just created: <see cref="Secret"/> is shown to the admin once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
