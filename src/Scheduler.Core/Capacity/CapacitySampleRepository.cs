using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Capacity;

/// <summary>Stored capacity samples: written by the sampler, read by time window for the charts.</summary>
public sealed class CapacitySampleRepository(Database db)
{
    /// <summary>A sample already stored for the same zone, provider and time is left as it is (a re-run job).</summary>
    public Task InsertAsync(IEnumerable<CapacitySample> samples, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            """
            INSERT INTO capacity_samples (internal_zone_id, provider, at, total_cores, allocated_cores, used_cores)
            VALUES (@InternalZoneId, @ProviderText, @At, @TotalCores, @AllocatedCores, @UsedCores)
            ON CONFLICT (internal_zone_id, provider, at) DO NOTHING
            """,
            samples.Select(s => new { s.InternalZoneId, ProviderText = s.Provider.ToString(), s.At, s.TotalCores, s.AllocatedCores, s.UsedCores }), tx);

    public Task<int> PruneAsync(DateTimeOffset before, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("DELETE FROM capacity_samples WHERE at < @before", new { before }, tx);

    /// <summary>Samples with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, oldest first; one zone or all.</summary>
    public async Task<IReadOnlyList<CapacitySample>> ListAsync(
        DateTimeOffset from, DateTimeOffset to, string? internalZoneId = null, CancellationToken ct = default)
    {
        if (to <= from) throw new DomainValidationException("To", "The window must end after it starts.");
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CapacitySample>(
            $"""
            SELECT internal_zone_id, provider, at, total_cores, allocated_cores, used_cores FROM capacity_samples
            WHERE at >= @from AND at < @to{(internalZoneId is null ? "" : " AND internal_zone_id = @internalZoneId")}
            ORDER BY at, internal_zone_id, provider
            """, new { from, to, internalZoneId })).AsList();
    }
}
