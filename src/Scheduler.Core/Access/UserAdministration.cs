using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Admins create local users, change their roles, disable or enable them and reset their passwords.
/// Every change is audited without the password or its hash. An admin cannot demote or disable
/// themselves, so the console never loses its last way in through a slip of the mouse.
/// </summary>
public sealed partial class UserAdministration(
    Database db, UserRepository users, UserPasswords passwords, UserSessions sessions, AuditLog audit, TimeProvider clock)
{
    private const string Entity = "User";
    public const int MinPasswordLength = PasswordPolicy.MinLength;

    public async Task<User> CreateAsync(NewUser input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var errors = new Dictionary<string, string[]>();
        var userName = (input.UserName ?? "").Trim().ToLowerInvariant();
        if (!UserNamePattern().IsMatch(userName))
            errors[nameof(input.UserName)] = ["A user name is 2 to 32 lower-case letters, digits, '.', '-' or '_', starting with a letter."];
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Trim().Length > 80)
            errors[nameof(input.DisplayName)] = ["Give a display name of at most 80 characters."];
        var roles = ValidateRoles(input.Roles, input.Team, errors);
        ValidatePassword(input.Password, errors, nameof(input.Password));
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var user = new User(Guid.NewGuid(), userName, input.DisplayName.Trim(), Normalize(input.Team), roles, "", clock.GetUtcNow());
        user = user with { PasswordHash = passwords.Hash(user, input.Password) };
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (!await users.InsertAsync(user, c, tx))
                throw new ConflictException($"A user named '{userName}' exists already.");
            await audit.AppendAsync(c, tx, actor.UserName, Entity, userName, "Create", null, Snapshot(user));
        }, ct);
        return user;
    }

    public Task<User> SetRolesAsync(string userName, IReadOnlyList<Role> roles, string? team, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userName, actor, "ChangeRoles", user =>
        {
            var errors = new Dictionary<string, string[]>();
            var combined = ValidateRoles(roles, team, errors);
            if (errors.Count > 0) throw new DomainValidationException(errors);
            if (IsSelf(user, actor) && (combined & Role.Admin) == 0)
                throw new DomainValidationException("Roles", "You cannot remove your own Admin role; ask another admin.");
            return user with { Roles = combined, Team = Normalize(team) };
        }, ct);

    public Task<User> SetDisabledAsync(string userName, bool disabled, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userName, actor, disabled ? "Disable" : "Enable", user =>
        {
            if (disabled && IsSelf(user, actor))
                throw new ConflictException("You cannot disable yourself; ask another admin.");
            if (user.Disabled == disabled)
                throw new ConflictException($"User '{user.UserName}' is {(disabled ? "disabled" : "enabled")} already.");
            return user with { Disabled = disabled };
        }, ct);

    public Task<User> ResetPasswordAsync(string userName, string password, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userName, actor, "ResetPassword", user =>
        {
            var errors = new Dictionary<string, string[]>();
            ValidatePassword(password, errors, "Password");
            if (errors.Count > 0) throw new DomainValidationException(errors);
            return user with { PasswordHash = passwords.Hash(user, password) };
        }, ct);

    private async Task<User> ChangeAsync(string userName, Actor actor, string action, Func<User, User> change, CancellationToken ct)
    {
        RequireAdmin(actor);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var before = await users.GetForUpdateAsync(userName, c, tx);
            var after = change(before);
            await users.UpdateAsync(after, c, tx);
            // A new password, a disable or new roles end every session of the user at once (issue 10):
            // whoever held a copied cookie, or signed in with the old password, is out on their next request.
            if (action != "Enable") await sessions.EndAllAsync(before.UserName, c, tx);
            // A password reset shows no difference in the snapshot on purpose: the hash is never audited.
            await audit.AppendAsync(c, tx, actor.UserName, Entity, before.UserName, action, Snapshot(before), Snapshot(after));
            return after;
        }, ct);
    }

    private static Role ValidateRoles(IReadOnlyList<Role>? roles, string? team, Dictionary<string, string[]> errors)
    {
        roles ??= [];
        if (roles.Count == 0)
            errors["Roles"] = ["Give the user at least one role."];
        else if (roles.Any(r => r == Role.None || !Enum.IsDefined(r)))
            errors["Roles"] = [$"Roles are {string.Join(", ", Enum.GetValues<Role>().Where(r => r != Role.None))}."];
        // Viewer is the floor every signed-in principal holds (see the web layer's policies).
        var combined = roles.Aggregate(Role.Viewer, (all, r) => all | r);
        if ((combined & Role.ServiceOwner) != 0 && string.IsNullOrWhiteSpace(team))
            errors["Team"] = ["A service owner acts for one team: name it."];
        if (team is { Length: > 64 })
            errors["Team"] = ["A team name has at most 64 characters."];
        return combined;
    }

    private static void ValidatePassword(string? password, Dictionary<string, string[]> errors, string field)
    {
        if (PasswordPolicy.Problem(password) is { } problem) errors[field] = [problem];
    }

    private static bool IsSelf(User user, Actor actor) => string.Equals(user.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? team) => string.IsNullOrWhiteSpace(team) ? null : team.Trim();

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.Has(Role.Admin)) throw new ForbiddenException($"'{actor.UserName}' is not an admin; only admins manage users.");
    }

    private static object Snapshot(User u) => new { u.UserName, u.DisplayName, u.Team, Roles = u.Roles.ToString(), u.Disabled };

    [GeneratedRegex("^[a-z][a-z0-9._-]{1,31}$")]
    private static partial Regex UserNamePattern();
}
