using System.Text.Json;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Topology;

/// <summary>A zone's health set at a moment; <see cref="MemberZoneId"/> is null when the internal zone itself changed.</summary>
public sealed record HealthHistoryEntry(DateTimeOffset At, string InternalZoneId, string? MemberZoneId, ZoneHealth Health, string? Reason)
{
    public string ZoneLabel => MemberZoneId ?? InternalZoneId;
}

/// <summary>
/// Health changes over time, read back from the audit trail: every change is audited with the health
/// after it in the same transaction (FailoverService), so the trail is the history and no table of
/// its own is needed. Charts draw these as marks.
/// </summary>
public sealed class ZoneHealthHistory(Database db, TopologyRepository topology)
{
    /// <summary>Charts mark at most this many changes; a zone flapping all week would bury the lines.</summary>
    public const int MaxChanges = 200;

    public async Task<IReadOnlyList<HealthHistoryEntry>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var members = (await topology.GetSnapshotAsync(ct)).MemberZones.ToDictionary(m => m.Id, m => m.InternalZoneId);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string EntityType, string EntityId, DateTimeOffset At, string? After)>(
            """
            SELECT entity_type, entity_id, at, after FROM audit_events
            WHERE entity_type IN ('InternalZone', 'MemberZone') AND action = 'Set health' AND at >= @from AND at <= @to
            ORDER BY seq DESC LIMIT @limit
            """, new { from, to, limit = MaxChanges });
        return rows.Reverse().Select(r => Parse(r.EntityType, r.EntityId, r.At, r.After, members)).OfType<HealthHistoryEntry>().ToList();
    }

    internal static HealthHistoryEntry? Parse(string entityType, string entityId, DateTimeOffset at, string? after, IReadOnlyDictionary<string, string> memberToInternal)
    {
        if (after is null) return null;
        using var doc = JsonDocument.Parse(after);
        if (!doc.RootElement.TryGetProperty("Health", out var h) || !Enum.TryParse<ZoneHealth>(h.GetString(), out var health)) return null;
        var reason = doc.RootElement.TryGetProperty("Reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (entityType == nameof(InternalZone)) return new HealthHistoryEntry(at, entityId, null, health, reason);
        return memberToInternal.TryGetValue(entityId, out var zone) ? new HealthHistoryEntry(at, zone, entityId, health, reason) : null;
    }
}
