namespace CapacityConsole.Scheduler.Requests;

/// <summary>What a service owner fills in to file a request.</summary>
public sealed record NewCoreQuotaRequest(
    string ServiceId,
    int Cores,
    string RegionId,
    IReadOnlyList<string> InternalZoneIds,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    TimeSpan PrewarmLead,
    Guid BudgetId,
    string Justification,
    decimal SurvivableShare = 1m,
    int MinCoresPerUnit = 0);
