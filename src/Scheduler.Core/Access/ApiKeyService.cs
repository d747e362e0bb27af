using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Creates, lists, revokes and checks service accounts' API keys. Only admins manage keys; the key
/// is returned once at creation and only its hash is stored. Neither key nor hash is ever audited
/// or logged.
/// </summary>
public sealed partial class ApiKeyService(Database db, ApiKeyRepository keys, AuditLog audit, TimeProvider clock)
{
    private const string Entity = "ApiKey";

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default) => keys.ListAsync(ct);

    public async Task<CreatedApiKey> CreateAsync(NewApiKey input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var roles = Validate(input);
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(Guid.NewGuid(), input.Name.Trim(), Normalize(input.Team), roles, ApiKeySecret.Hash(secret),
            ApiKeySecret.PrefixOf(secret), actor.UserName, clock.GetUtcNow(), null, null);
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

    /// <summary>The active key whose secret this is, or null for anything unknown, revoked or malformed.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (presented.Length is 0 or > ApiKeySecret.MaxLength || !presented.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal))
            return null;
        var key = await keys.FindByHashAsync(ApiKeySecret.Hash(presented), ct);
        return key is { IsRevoked: false } ? key : null;
    }

    private static Role Validate(NewApiKey input)
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
        if ((combined & Role.ServiceOwner) != 0 && string.IsNullOrWhiteSpace(input.Team))
            errors[nameof(input.Team)] = ["A service-owner key acts for one team: name it."];
        if (input.Team is { Length: > 64 })
            errors[nameof(input.Team)] = ["A team name has at most 64 characters."];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        // Viewer is the floor every signed-in principal holds (see the web layer's policies).
        return combined;
    }

    private static string? Normalize(string? team) => string.IsNullOrWhiteSpace(team) ? null : team.Trim();

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.Has(Role.Admin)) throw new ForbiddenException($"'{actor.UserName}' is not an admin; only admins manage API keys.");
    }

    private static object Snapshot(ApiKey k) => new { k.Name, k.Team, Roles = k.Roles.ToString(), k.Prefix, Revoked = k.IsRevoked };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
