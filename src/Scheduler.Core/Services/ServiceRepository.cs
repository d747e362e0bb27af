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

    public async Task<Service> GetAsync(string id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Service>($"SELECT {Columns} FROM services WHERE id = @id", new { id })
            ?? throw new NotFoundException("Service", id);
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
