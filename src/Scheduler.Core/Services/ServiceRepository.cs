using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Services;

public sealed class ServiceRepository(Database db)
{
    private const string Columns = "id, name, owner_team, cost_center, tier, cloud_allowed, allowed_internal_zone_ids, min_cores_per_unit";

    public async Task<IReadOnlyList<Service>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Service>($"SELECT {Columns} FROM services ORDER BY name")).AsList();
    }

    /// <summary>
    /// One page of the services, by name, optionally those whose id, name, owner team or cost center
    /// contain <paramref name="search"/>, and only those <paramref name="ownerTeam"/> owns (any case).
    /// </summary>
    public async Task<Page<Service>> PageAsync(string? search, PageRequest page, string? ownerTeam = null, CancellationToken ct = default)
    {
        page.EnsureValid();
        var parameters = new DynamicParameters();
        var conditions = new List<string>();
        if (!string.IsNullOrWhiteSpace(search)) conditions.Add(TextSearch.Clause(search, parameters, "id", "name", "owner_team", "cost_center"));
        if (ownerTeam is not null)
        {
            conditions.Add("lower(owner_team) = lower(@ownerTeam)");
            parameters.Add("ownerTeam", ownerTeam);
        }
        var clause = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        parameters.Add("limit", page.EffectiveSize);
        parameters.Add("offset", page.Offset);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"services {clause}"), parameters);
        var items = (await c.QueryAsync<Service>($"SELECT {Columns} FROM services {clause} ORDER BY name, id LIMIT @limit OFFSET @offset", parameters)).AsList();
        return Page<Service>.Of(items, page, total);
    }

    /// <summary>The services with these ids (those a set of requests names), by id; an id without a service is left out.</summary>
    public async Task<IReadOnlyDictionary<string, Service>> ListByIdsAsync(IEnumerable<string> ids, CancellationToken ct = default)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return new Dictionary<string, Service>();
        var parameters = new DynamicParameters();
        var list = SqlList.Of(distinct, parameters);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Service>($"SELECT {Columns} FROM services WHERE id IN ({list})", parameters)).ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The names of these services (those a page's rows name), by id; an id without a service is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken ct = default) =>
        (await ListByIdsAsync(ids, ct)).ToDictionary(p => p.Key, p => p.Value.Name, StringComparer.Ordinal);

    public async Task<Service> GetAsync(string id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new NotFoundException("Service", id);

    public async Task<Service?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Service>($"SELECT {Columns} FROM services WHERE id = @id", new { id });
    }

    public Task AddMissingAsync(IEnumerable<Service> services, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO services ({Columns})
            VALUES (@Id, @Name, @OwnerTeam, @CostCenter, @TierText, @CloudAllowed, @Zones, @MinCoresPerUnit) ON CONFLICT (id) DO NOTHING
            """,
            services.Select(s => new
            {
                s.Id, s.Name, s.OwnerTeam, s.CostCenter, TierText = s.Tier.ToString(), s.CloudAllowed,
                Zones = IdList.Join(s.AllowedInternalZoneIds), s.MinCoresPerUnit,
            }), tx);

    public async Task<Service> GetForUpdateAsync(string id, DbConnection c, DbTransaction tx) =>
        await c.QuerySingleOrDefaultAsync<Service>($"SELECT {Columns} FROM services WHERE id = @id{db.Dialect.ForUpdate}", new { id }, tx)
        ?? throw new NotFoundException("Service", id);

    /// <summary>Inserts; returns false when the id is taken.</summary>
    public async Task<bool> InsertAsync(Service s, DbConnection c, DbTransaction tx) =>
        await c.ExecuteAsync(
            $"""
            INSERT INTO services ({Columns})
            VALUES (@Id, @Name, @OwnerTeam, @CostCenter, @TierText, @CloudAllowed, @Zones, @MinCoresPerUnit) ON CONFLICT (id) DO NOTHING
            """,
            Parameters(s), tx) == 1;

    public Task UpdateAsync(Service s, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            """
            UPDATE services SET name = @Name, owner_team = @OwnerTeam, cost_center = @CostCenter, tier = @TierText,
                cloud_allowed = @CloudAllowed, allowed_internal_zone_ids = @Zones, min_cores_per_unit = @MinCoresPerUnit
            WHERE id = @Id
            """,
            Parameters(s), tx);

    private static object Parameters(Service s) => new
    {
        s.Id, s.Name, s.OwnerTeam, s.CostCenter, TierText = s.Tier.ToString(), s.CloudAllowed,
        Zones = IdList.Join(s.AllowedInternalZoneIds), s.MinCoresPerUnit,
    };
}
