namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>An offering as a provider reports it. A null price means unknown, and the offering is unusable.</summary>
public sealed record ProviderOffering(
    string MemberZoneId,
    string InstanceType,
    string Family,
    int CoresPerUnit,
    decimal? PricePerHour,
    int Stock);

public sealed record ProvisionCommand(
    string MemberZoneId,
    string InstanceType,
    int Units,
    string IdempotencyKey,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset? AutoReleaseAt);

public sealed record ProvisionResult(int Requested, IReadOnlyList<string> ResourceIds)
{
    public bool IsPartial => ResourceIds.Count < Requested;
}

public sealed record ProvidedResource(
    string Id,
    string MemberZoneId,
    string InstanceType,
    string Status,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt);
