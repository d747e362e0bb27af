using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What the planner needs to know about a core-quota request and its service.
/// <see cref="AllowedInternalZoneIds"/> empty means every internal zone of the region.
/// <see cref="WindowStart"/> to <see cref="WindowEnd"/> is the span the capacity is paid for, which is
/// longer than the event's window: from the pre-warm (T1 − lead) to the release (T2 + grace).
/// <para>
/// <see cref="SurvivableShare"/> <c>s</c> is defined precisely as: with <c>N</c> = <see cref="Cores"/>
/// and <c>P</c> the planned cores, for every internal zone <c>z</c> of the plan,
/// <c>P − cores(z) ≥ ⌈s·N⌉</c>. The default <c>s = 1</c> is N+1: losing any single internal zone still
/// leaves the N requested cores, which means the plan over-provisions (spread evenly over k zones it
/// holds about N·k/(k−1) cores). A plan over a single internal zone can never meet any <c>s &gt; 0</c>.
/// </para>
/// </summary>
public sealed record PlanningRequest(
    Guid RequestId,
    ServiceTier Tier,
    bool CloudAllowed,
    int Cores,
    string RegionId,
    IReadOnlyList<string> AllowedInternalZoneIds,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    decimal SurvivableShare = 1m)
{
    /// <summary>
    /// The request as filed, narrowed by the service's own zone constraint: when both name zones, only
    /// zones named by both are allowed (the service owner cannot widen what the service allows).
    /// </summary>
    public static PlanningRequest From(CoreQuotaRequest request, Service service, TimeSpan releaseGrace = default)
    {
        IReadOnlyList<string> zones = (request.InternalZoneIds.Count, service.AllowedInternalZoneIds.Count) switch
        {
            (0, _) => service.AllowedInternalZoneIds,
            (_, 0) => request.InternalZoneIds,
            _ => request.InternalZoneIds.Intersect(service.AllowedInternalZoneIds, StringComparer.Ordinal).ToArray(),
        };
        // An empty list means "any zone", so an empty intersection must not silently widen to it.
        if (zones.Count == 0 && request.InternalZoneIds.Count > 0)
            throw new DomainValidationException(nameof(CoreQuotaRequest.InternalZoneIds),
                $"None of the requested zones is allowed for service '{service.Name}'.");
        return new PlanningRequest(request.Id, service.Tier, service.CloudAllowed, request.Cores, request.RegionId,
            // Units run (and are billed) from the pre-warm until the release job returns them, so the
            // estimate committed to the budget covers that whole span, not only the event's window.
            zones, request.PrewarmAt, request.WindowEnd + releaseGrace, request.SurvivableShare)
        {
            // The stricter of what the service and the request ask for (the planner adds its own).
            MinCoresPerUnit = Math.Max(request.MinCoresPerUnit, service.MinCoresPerUnit),
        };
    }

    /// <summary>
    /// The smallest unit (vCPU per node) this request accepts, on top of the planner's own minimum
    /// (<see cref="PlannerOptions.MinCoresPerUnit"/>); 0 means no further limit.
    /// </summary>
    public int MinCoresPerUnit { get; init; }

    /// <summary>The billed span's length in hours, exact to the tick, for cost estimates.</summary>
    public decimal WindowHours => (decimal)(WindowEnd - WindowStart).Ticks / TimeSpan.TicksPerHour;
}
