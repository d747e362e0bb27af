namespace CapacityConsole.Scheduler.Services;

/// <summary>What an admin fills in to create or edit a service; the id is fixed once created.</summary>
public sealed record ServiceInput(
    string Id,
    string Name,
    string OwnerTeam,
    string CostCenter,
    ServiceTier Tier,
    bool CloudAllowed,
    IReadOnlyList<string> AllowedInternalZoneIds,
    int MinCoresPerUnit = 0);
