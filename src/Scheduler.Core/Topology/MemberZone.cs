namespace CapacityConsole.Scheduler.Topology;

/// <summary>An IDC hall or an Alibaba Cloud zone (e.g. "cn-beijing-h") inside an internal zone.</summary>
public sealed record MemberZone(
    string Id,
    string InternalZoneId,
    ProviderKind Provider,
    string Name,
    ZoneHealth Health);
