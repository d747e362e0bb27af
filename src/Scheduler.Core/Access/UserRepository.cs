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

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<User>($"SELECT {Columns} FROM users ORDER BY user_name")).AsList();
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
