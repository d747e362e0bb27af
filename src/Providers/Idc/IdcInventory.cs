using System.Data.Common;
using System.Text.Json;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Providers.Idc;

/// <summary>
/// The IDC halls' host inventory in our own tables. Allocation is one transaction that first locks
/// its hall's row (PostgreSQL) or holds SQLite's single writer, so allocations in one hall run one
/// after another: two concurrent provisions never take the same host, and neither gets a partial
/// grant while the other is still choosing (skip-locked row reads split the last free hosts
/// between racing callers).
/// </summary>
public sealed class IdcInventory(Database db, TimeProvider clock)
{
    // Row classes with setters: Dapper converts SQLite's Int64 and TEXT through them (records would need exact types).
    private sealed class KeyRow { public string MemberZoneId { get; set; } = ""; public string InstanceType { get; set; } = ""; public int Units { get; set; } public string HostIds { get; set; } = ""; }
    private sealed class HostRow { public string Id { get; set; } = ""; public string MemberZoneId { get; set; } = ""; public string InstanceType { get; set; } = ""; public string Tags { get; set; } = ""; public DateTimeOffset AllocatedAt { get; set; } }
    private sealed class ClassRow { public string InstanceType { get; set; } = ""; public string Family { get; set; } = ""; public int Cores { get; set; } public decimal? PricePerHour { get; set; } public int Free { get; set; } }

    public async Task<IReadOnlyList<string>> AllocateAsync(ProvisionCommand command, CancellationToken ct)
    {
        return await db.InTransactionAsync(async (c, tx) =>
        {
            // Claim the key first: a concurrent twin blocks here until this transaction ends, then
            // finds the key taken and answers from it, instead of taking hosts of its own.
            var claimed = await c.ExecuteAsync(
                """
                INSERT INTO idc_provision_keys (idempotency_key, member_zone_id, instance_type, units, host_ids, created_at)
                VALUES (@IdempotencyKey, @MemberZoneId, @InstanceType, @Units, '', @Now) ON CONFLICT (idempotency_key) DO NOTHING
                """, new { command.IdempotencyKey, command.MemberZoneId, command.InstanceType, command.Units, Now = clock.GetUtcNow() }, tx);
            if (claimed == 0) return await ReplayAsync(command, c, tx);

            await LockServingHallAsync(command.MemberZoneId, c, tx);
            var free = (await c.QueryAsync<string>(
                """
                SELECT id FROM idc_hosts
                WHERE member_zone_id = @MemberZoneId AND instance_type = @InstanceType AND state = 'Free'
                ORDER BY id LIMIT @Units
                """, new { command.MemberZoneId, command.InstanceType, command.Units }, tx)).AsList();
            if (free.Count == 0)
                throw new ProviderException(ProviderFailure.InsufficientCapacity,
                    $"No free {command.InstanceType} host in {command.MemberZoneId}.");

            var tags = JsonSerializer.Serialize(command.Tags);
            await c.ExecuteAsync(
                """
                UPDATE idc_hosts SET state = 'Allocated', idempotency_key = @Key, tags = @Tags, allocated_at = @Now
                WHERE id = @Id AND state = 'Free'
                """, free.Select(id => new { Id = id, Key = command.IdempotencyKey, Tags = tags, Now = clock.GetUtcNow() }), tx);
            await c.ExecuteAsync("UPDATE idc_provision_keys SET host_ids = @Ids WHERE idempotency_key = @Key",
                new { Ids = string.Join(',', free), Key = command.IdempotencyKey }, tx);
            return (IReadOnlyList<string>)free;
        }, ct);
    }

    /// <summary>Frees hosts. Unknown or already free hosts count as released.</summary>
    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> hostIds, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(
            """
            UPDATE idc_hosts SET state = 'Free', idempotency_key = NULL, tags = NULL, allocated_at = NULL
            WHERE id = @Id AND member_zone_id = @MemberZoneId AND state = 'Allocated'
            """, hostIds.Select(id => new { Id = id, MemberZoneId = memberZoneId }), tx), ct);

    public async Task<IReadOnlyList<ProvidedResource>> ListByTagAsync(string tagKey, string tagValue, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<HostRow>(
            "SELECT id, member_zone_id, instance_type, tags, allocated_at FROM idc_hosts WHERE state = 'Allocated' ORDER BY id");
        return rows
            .Select(r => (Row: r, Tags: JsonSerializer.Deserialize<Dictionary<string, string>>(r.Tags) ?? []))
            .Where(x => x.Tags.TryGetValue(tagKey, out var v) && v == tagValue)
            .Select(x => new ProvidedResource(x.Row.Id, x.Row.MemberZoneId, x.Row.InstanceType, "Running", x.Tags, x.Row.AllocatedAt))
            .ToList();
    }

    public async Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        // Classes with no free host stay listed with stock 0: a known offering is never dropped.
        var rows = await c.QueryAsync<ClassRow>(
            """
            SELECT k.instance_type, k.family, k.cores, k.price_per_hour,
                   SUM(CASE WHEN h.state = 'Free' THEN 1 ELSE 0 END) AS free
            FROM idc_hosts h JOIN idc_host_classes k ON k.instance_type = h.instance_type
            WHERE h.member_zone_id = @memberZoneId
            GROUP BY k.instance_type, k.family, k.cores, k.price_per_hour
            ORDER BY k.instance_type
            """, new { memberZoneId });
        return rows.Select(r => new ProviderOffering(memberZoneId, r.InstanceType, r.Family, r.Cores, r.PricePerHour, OfferingStock.Counted(r.Free))).ToList();
    }

    private static async Task<IReadOnlyList<string>> ReplayAsync(ProvisionCommand command, DbConnection c, DbTransaction tx)
    {
        var previous = await c.QuerySingleAsync<KeyRow>(
            "SELECT member_zone_id, instance_type, units, host_ids FROM idc_provision_keys WHERE idempotency_key = @IdempotencyKey",
            new { command.IdempotencyKey }, tx);
        if (previous.MemberZoneId != command.MemberZoneId || previous.InstanceType != command.InstanceType || previous.Units != command.Units)
            throw new ProviderException(ProviderFailure.Permanent,
                $"Idempotency key {command.IdempotencyKey} was used before with other parameters.");
        return previous.HostIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Checks the hall serves and holds its row until the transaction ends (see the class summary).</summary>
    private async Task LockServingHallAsync(string memberZoneId, DbConnection c, DbTransaction tx)
    {
        var health = await c.QuerySingleOrDefaultAsync<string>(
            $"SELECT health FROM member_zones WHERE id = @memberZoneId AND provider = 'Idc'{db.Dialect.ForUpdate}", new { memberZoneId }, tx);
        if (health is null)
            throw new ProviderException(ProviderFailure.Permanent, $"'{memberZoneId}' is not an IDC hall.");
        if (health == "Down")
            throw new ProviderException(ProviderFailure.ZoneUnavailable, $"IDC hall {memberZoneId} is down.");
    }
}
