namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>
/// An offering as a provider reports it. A null price means unknown, and the offering is unusable.
/// <see cref="Stock"/> says whether it is a count or only a category (issue 13).
/// </summary>
public sealed record ProviderOffering(
    string MemberZoneId,
    string InstanceType,
    string Family,
    int CoresPerUnit,
    decimal? PricePerHour,
    OfferingStock Stock);

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
