namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// A member zone is as healthy as the worse of its own health and its internal zone's: a Down
/// internal zone makes every member zone in it Down (issue 14). The topology read applies this once
/// so every view, API answer and the planner see the same health; a member's own record stays in the
/// database and shows again when the internal zone recovers.
/// </summary>
public static class EffectiveHealth
{
    public static IReadOnlyList<MemberZone> Apply(IReadOnlyList<InternalZone> internalZones, IReadOnlyList<MemberZone> memberZones)
    {
        var zones = internalZones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        return memberZones.Select(m => zones.TryGetValue(m.InternalZoneId, out var z) ? Of(z, m) : m).ToList();
    }

    public static MemberZone Of(InternalZone zone, MemberZone member) =>
        zone.Health > member.Health
            ? member with
            {
                Health = zone.Health,
                HealthReason = zone.HealthReason is { } reason ? $"{zone.Id} is {zone.Health}: {reason}" : $"{zone.Id} is {zone.Health}",
                HealthChangedAt = zone.HealthChangedAt,
                HealthFromInternalZone = true,
            }
            : member;
}
