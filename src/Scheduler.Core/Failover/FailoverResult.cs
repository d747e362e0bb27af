using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// What a zone health change did: the change itself and whether a failover job was scheduled; the job's
/// own run (and the reconciler's) reports each affected request's failover in <see cref="Requests"/>.
/// </summary>
public sealed record FailoverResult(
    string InternalZoneId,
    string? MemberZoneId,
    ZoneHealth PreviousHealth,
    ZoneHealth Health,
    string Reason,
    DateTimeOffset ChangedAt,
    IReadOnlyList<RequestFailover> Requests,
    bool FailoverScheduled = false)
{
    public int CoresLost => Requests.Sum(r => r.CoresLost);
    public int CoresAdded => Requests.Sum(r => r.CoresAdded);
    public decimal AddedCostPerHour => Requests.Sum(r => r.AddedCostPerHour);
    public int ShortfallCores => Requests.Sum(r => r.ShortfallCores);
}

/// <summary>
/// One request's failover re-plan. <see cref="CoresLost"/> ran in the Down zone; <see cref="CoresCancelled"/>
/// were planned there but not started; <see cref="CoresAdded"/> is the replacement elsewhere, costing
/// <see cref="AddedCostPerHour"/>; <see cref="ShortfallCores"/> is what the new plan still misses (and why).
/// The lost resources are released only once the replacement is in place (<see cref="ReplacementInPlace"/>);
/// until then <see cref="CoresReleased"/> stays 0 and the reconciler finishes the job on a later pass.
/// <see cref="BatchesClosed"/> counts batches that were still open in the Down zone (their units, if any, released by tag).
/// </summary>
public sealed record RequestFailover(
    Guid RequestId,
    string ServiceId,
    RequestState State,
    int CoresLost,
    int CoresCancelled,
    int CoresAdded,
    decimal AddedCostPerHour,
    int ShortfallCores,
    string? ShortfallReason,
    bool Replanned,
    bool ReplacementInPlace,
    int BatchesClosed,
    int CoresReleased,
    string? Problem);
