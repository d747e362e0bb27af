using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Access;

public sealed class UserRepository(Database db)
{
    private const string Columns = "id, user_name, display_name, team, roles, password_hash, created_at, disabled";

    public async Task<User?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>(
            $"SELECT {Columns} FROM users WHERE user_name = @userName", new { userName = userName.Trim().ToLowerInvariant() });
    }

    /// <summary>One page of the users by user name, optionally those whose user name, display name or team contain <paramref name="search"/>.</summary>
    public async Task<Page<User>> PageAsync(string? search, PageRequest page, CancellationToken ct = default)
    {
        page.EnsureValid();
        var parameters = new DynamicParameters();
        var clause = string.IsNullOrWhiteSpace(search) ? "" : "WHERE " + TextSearch.Clause(search, parameters, "user_name", "display_name", "COALESCE(team, '')");
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"users {clause}"), parameters);
        var items = (await c.QueryAsync<User>($"SELECT {Columns} FROM users {clause} ORDER BY user_name LIMIT @limit OFFSET @offset", parameters)).AsList();
        return Page<User>.Of(items, page, total);
    }

    /// <summary>Inserts; returns false when the user name is taken (seeding is idempotent).</summary>
    public async Task<bool> InsertAsync(User u, DbConnection c, DbTransaction tx) =>
        await c.ExecuteAsync(
            $"""
            INSERT INTO users ({Columns}) VALUES (@Id, @UserName, @DisplayName, @Team, @RolesText, @PasswordHash, @CreatedAt, @Disabled)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new { u.Id, UserName = u.UserName.ToLowerInvariant(), u.DisplayName, u.Team, RolesText = u.Roles.ToString(), u.PasswordHash, u.CreatedAt, u.Disabled },
            tx) == 1;

    public async Task<User> GetForUpdateAsync(string userName, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<User>(
            $"SELECT {Columns} FROM users WHERE user_name = @userName{db.Dialect.ForUpdate}", new { userName = userName.Trim().ToLowerInvariant() }, tx)
        ?? throw new NotFoundException("User", userName);

    /// <summary>Writes what an admin may change: display name, team, roles, password hash and the disabled flag.</summary>
    public Task UpdateAsync(User u, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            """
            UPDATE users SET display_name = @DisplayName, team = @Team, roles = @RolesText, password_hash = @PasswordHash, disabled = @Disabled
            WHERE id = @Id
            """,
            new { u.Id, u.DisplayName, u.Team, RolesText = u.Roles.ToString(), u.PasswordHash, u.Disabled }, tx);
}
