namespace CapacityConsole.Scheduler.Planning;

/// <summary>What happened since a plan was made that makes part of it undeliverable (brief §5.4, failover).</summary>
public abstract record PlanChange;

/// <summary>The provider answered insufficient capacity for this offering: its family in that member zone is out.</summary>
public sealed record OfferingStockedOut(string OfferingId) : PlanChange;

/// <summary>A member zone went Down: what runs there is lost, nothing more goes there.</summary>
public sealed record MemberZoneWentDown(string MemberZoneId) : PlanChange;

/// <summary>An internal zone went Down: what runs in any of its member zones is lost.</summary>
public sealed record InternalZoneWentDown(string InternalZoneId) : PlanChange;

/// <summary>
/// A batch on this offering delivered only <see cref="UnitsDelivered"/> of its units (not yet counted in
/// the running allocations): those run, the rest will not come, and the offering counts as stocked out.
/// </summary>
public sealed record BatchPartiallyFulfilled(string OfferingId, int UnitsDelivered) : PlanChange;
