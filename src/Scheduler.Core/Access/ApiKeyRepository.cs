using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Access;

public sealed class ApiKeyRepository(Database db)
{
    private const string Columns = "id, name, team, roles, key_hash, prefix, created_by, created_at, revoked_by, revoked_at, user_name";

    /// <summary>
    /// One page of the keys, newest first, optionally only the active or the revoked ones and those whose
    /// name, holder, team or prefix contain the search (revoked keys stay listed, so the table grows with history).
    /// </summary>
    public async Task<Page<ApiKey>> PageAsync(ApiKeyFilter filter, PageRequest page, CancellationToken ct = default)
    {
        page.EnsureValid();
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.Revoked is { } revoked) where.Add(revoked ? "revoked_at IS NOT NULL" : "revoked_at IS NULL");
        if (!string.IsNullOrWhiteSpace(filter.Search))
            where.Add(TextSearch.Clause(filter.Search, parameters, "name", "COALESCE(user_name, '')", "COALESCE(team, '')", "prefix"));
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"api_keys {clause}"), parameters);
        var items = (await c.QueryAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys {clause} ORDER BY created_at DESC, name, id LIMIT @limit OFFSET @offset", parameters)).AsList();
        return Page<ApiKey>.Of(items, page, total);
    }

    public async Task<ApiKey> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApiKey>($"SELECT {Columns} FROM api_keys WHERE id = @id", new { id })
            ?? throw new NotFoundException("API key", id.ToString());
    }

    public async Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApiKey>($"SELECT {Columns} FROM api_keys WHERE key_hash = @keyHash", new { keyHash });
    }

    public async Task<ApiKey> GetForUpdateAsync(Guid id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<ApiKey>($"SELECT {Columns} FROM api_keys WHERE id = @id{db.Dialect.ForUpdate}", new { id }, tx)
        ?? throw new NotFoundException("API key", id.ToString());

    public async Task<bool> ActiveNameExistsAsync(string name, DbConnection c, DbTransaction tx) =>
        await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE name = @name AND revoked_at IS NULL", new { name }, tx) > 0;

    public Task InsertAsync(ApiKey k, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO api_keys ({Columns})
            VALUES (@Id, @Name, @Team, @RolesText, @KeyHash, @Prefix, @CreatedBy, @CreatedAt, @RevokedBy, @RevokedAt, @UserName)
            """,
            new { k.Id, k.Name, k.Team, RolesText = k.Roles.ToString(), k.KeyHash, k.Prefix, k.CreatedBy, k.CreatedAt, k.RevokedBy, k.RevokedAt, k.UserName },
            tx);

    public Task RevokeAsync(Guid id, string revokedBy, DateTimeOffset revokedAt, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE api_keys SET revoked_by = @revokedBy, revoked_at = @revokedAt WHERE id = @id", new { id, revokedBy, revokedAt }, tx);
}
