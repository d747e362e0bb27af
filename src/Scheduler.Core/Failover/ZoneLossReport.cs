using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// Brief §9 "zone-loss what-if": for one request, what survives the loss of each internal zone of its
/// region, and what the failover re-plan would add and cost. Costs are over the whole window, as in the
/// plan's estimate, i.e. as if the zone were lost from the start.
/// </summary>
public sealed record ZoneLossReport(
    Guid RequestId,
    RequestState State,
    int RequestedCores,
    int SurvivableCores,
    int PlannedCores,
    decimal CostPerHour,
    decimal EstimatedTotal,
    IReadOnlyList<ZoneLossScenario> Zones);

/// <param name="CoresLost">The plan's cores in the zone.</param>
/// <param name="CoresSurviving">The plan's cores everywhere else.</param>
/// <param name="KeepsRequestedCores">What survives still holds every requested core (no failover needed to serve).</param>
/// <param name="KeepsSurvivableShare">What survives holds at least the request's survivable share.</param>
/// <param name="CoresAdded">What the failover re-plan would provision elsewhere.</param>
/// <param name="ExtraCost">The re-planned estimate minus the current one (negative when the lost zone was dearer).</param>
/// <param name="ShortfallCores">What the re-planned plan would still miss, with <paramref name="ShortfallReason"/>.</param>
public sealed record ZoneLossScenario(
    string InternalZoneId,
    string Name,
    ZoneHealth Health,
    int CoresLost,
    int CoresSurviving,
    bool KeepsRequestedCores,
    bool KeepsSurvivableShare,
    int CoresAdded,
    decimal AddedCostPerHour,
    decimal EstimatedTotalAfter,
    decimal ExtraCost,
    int ShortfallCores,
    string? ShortfallReason);
