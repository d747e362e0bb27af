using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Creates, lists, revokes and checks API keys. Only admins manage keys; the key is returned once
/// at creation and only its hash is stored. Neither key nor hash is ever audited or logged.
/// A key is issued to a user and acts as that user (issue 10): the four-eyes rules compare people,
/// so a key held by the requester cannot approve the requester's work. It carries at most the
/// holder's roles, at creation and on every call (a holder who loses a role or is disabled takes
/// their keys with them).
/// </summary>
public sealed partial class ApiKeyService(Database db, ApiKeyRepository keys, UserRepository users, AuditLog audit, TimeProvider clock)
{
    private const string Entity = "ApiKey";

    public Task<Page<ApiKey>> PageAsync(ApiKeyFilter filter, PageRequest page, CancellationToken ct = default) => keys.PageAsync(filter, page, ct);

    public async Task<CreatedApiKey> CreateAsync(NewApiKey input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var holder = string.IsNullOrWhiteSpace(input.UserName) || input.UserName.Length > 64 ? null : await users.FindAsync(input.UserName, ct);
        var roles = Validate(input, holder);
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(Guid.NewGuid(), input.Name.Trim(), holder!.Team, roles, ApiKeySecret.Hash(secret),
            ApiKeySecret.PrefixOf(secret), actor.UserName, clock.GetUtcNow(), null, null, holder.UserName);
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await keys.ActiveNameExistsAsync(key.Name, c, tx))
                throw new ConflictException($"An active API key named '{key.Name}' exists already; revoke it first or choose another name.");
            await keys.InsertAsync(key, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, key.Id.ToString(), "Create", null, Snapshot(key));
        }, ct);
        return new CreatedApiKey(key, secret);
    }

    public async Task<ApiKey> RevokeAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var key = await keys.GetForUpdateAsync(id, c, tx);
            if (key.IsRevoked)
                throw new ConflictException($"API key '{key.Name}' was revoked already at {key.RevokedAt:u}.");
            var revoked = key with { RevokedBy = actor.UserName, RevokedAt = clock.GetUtcNow() };
            await keys.RevokeAsync(id, actor.UserName, revoked.RevokedAt!.Value, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, id.ToString(), "Revoke", Snapshot(key), Snapshot(revoked));
            return revoked;
        }, ct);
    }

    /// <summary>The active key whose secret this is with its holder, or null and why for anything unknown, revoked, malformed or held by nobody.</summary>
    public async Task<(KeyHolder? Holder, string? Refusal)> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        const string Unknown = "The API key is not known or has been revoked.";
        if (presented.Length is 0 or > ApiKeySecret.MaxLength || !presented.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal))
            return (null, Unknown);
        var key = await keys.FindByHashAsync(ApiKeySecret.Hash(presented), ct);
        if (key is not { IsRevoked: false }) return (null, Unknown);
        if (key.UserName is null)
            return (null, "The API key was issued before keys named their holder; an admin must issue a new one to a user.");
        var holder = await users.FindAsync(key.UserName, ct);
        if (holder is null || holder.Disabled) return (null, "The API key's holder is disabled or no longer exists.");
        return (new KeyHolder(key, holder, key.Roles & holder.Roles), null);
    }

    private static Role Validate(NewApiKey input, User? holder)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || !NamePattern().IsMatch(input.Name.Trim()))
            errors[nameof(input.Name)] = ["Name the service account with 1 to 64 letters, digits, '.', '-' or '_'."];
        var roles = input.Roles ?? [];
        if (roles.Count == 0)
            errors[nameof(input.Roles)] = ["Give the key at least one role."];
        else if (roles.Any(r => r == Role.None || !Enum.IsDefined(r)))
            errors[nameof(input.Roles)] = [$"Roles are {string.Join(", ", Enum.GetValues<Role>().Where(r => r != Role.None))}."];
        var combined = roles.Aggregate(Role.Viewer, (all, r) => all | r);
        if (string.IsNullOrWhiteSpace(input.UserName))
            errors[nameof(input.UserName)] = ["Name the user the key is issued to (a person or a service account); the key acts as that user."];
        else if (holder is null)
            errors[nameof(input.UserName)] = [$"There is no user '{Truncate(input.UserName)}'."];
        else if (holder.Disabled)
            errors[nameof(input.UserName)] = [$"User '{holder.UserName}' is disabled."];
        else if (!errors.ContainsKey(nameof(input.Roles)) && (combined & ~holder.Roles) is var missing and not Role.None)
            errors[nameof(input.Roles)] = [$"A key carries only roles its holder has; '{holder.UserName}' lacks {missing}."];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        // Viewer is the floor every signed-in principal holds (see the web layer's policies).
        return combined;
    }

    private static string Truncate(string text) => text.Length > 64 ? text[..64] + "…" : text;

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.Has(Role.Admin)) throw new ForbiddenException($"'{actor.UserName}' is not an admin; only admins manage API keys.");
    }

    private static object Snapshot(ApiKey k) => new { k.Name, Holder = k.UserName, k.Team, Roles = k.Roles.ToString(), k.Prefix, Revoked = k.IsRevoked };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
