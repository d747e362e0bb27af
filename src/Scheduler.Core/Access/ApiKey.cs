namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// A service account's API key, scoped to roles (and to a team, for service owners). Only the
/// SHA-256 of the key is kept; <see cref="Prefix"/> lets a person tell keys apart in a list.
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
    DateTimeOffset? RevokedAt)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private ApiKey() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!, default!) { }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The name audit events and requests filed with this key carry, distinct from any user name.</summary>
    public string ActorName => $"key:{Name}";
}

/// <summary>What an admin fills in to create a key.</summary>
public sealed record NewApiKey(string Name, string? Team, IReadOnlyList<Role> Roles);

/// <summary>A key just created: <see cref="Secret"/> is shown to the admin once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
