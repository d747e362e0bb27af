using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests;

public sealed class EffectiveHealthTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static InternalZone Zone(ZoneHealth health, string? reason = null) => new("bj-1", "cn-beijing", "Beijing 1", health, reason, At);

    private static MemberZone Member(string id, ZoneHealth health, string? reason = null) =>
        new(id, "bj-1", ProviderKind.AlibabaCloud, id, health, reason, reason is null ? null : At.AddMinutes(-5));

    [Fact]
    public void ADownInternalZone_MakesEveryMemberZoneDown_WithTheZonesReason()
    {
        var members = EffectiveHealth.Apply([Zone(ZoneHealth.Down, "Power loss in hall B")],
            [Member("cn-beijing-h", ZoneHealth.Healthy), Member("cn-beijing-i", ZoneHealth.Degraded, "Packet loss")]);

        Assert.All(members, m => Assert.Equal(ZoneHealth.Down, m.Health));
        Assert.All(members, m => Assert.True(m.HealthFromInternalZone));
        Assert.All(members, m => Assert.Equal("bj-1 is Down: Power loss in hall B", m.HealthReason));
        Assert.All(members, m => Assert.Equal(At, m.HealthChangedAt));
    }

    [Fact]
    public void AMemberZoneWorseThanItsInternalZone_KeepsItsOwnHealthAndReason()
    {
        var members = EffectiveHealth.Apply([Zone(ZoneHealth.Degraded, "Cooling")],
            [Member("cn-beijing-h", ZoneHealth.Down, "Fibre cut"), Member("cn-beijing-i", ZoneHealth.Healthy)]);

        Assert.Equal((ZoneHealth.Down, "Fibre cut", false), (members[0].Health, members[0].HealthReason, members[0].HealthFromInternalZone));
        Assert.Equal((ZoneHealth.Degraded, true), (members[1].Health, members[1].HealthFromInternalZone));
    }

    [Fact]
    public void AHealthyInternalZone_ChangesNothing()
    {
        MemberZone[] own = [Member("cn-beijing-h", ZoneHealth.Degraded, "Packet loss"), Member("cn-beijing-i", ZoneHealth.Healthy)];

        Assert.Equal(own, EffectiveHealth.Apply([Zone(ZoneHealth.Healthy)], own));
    }
}
