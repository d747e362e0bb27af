namespace CapacityConsole.Scheduler.Planning;

/// <summary>What kind of choice a <see cref="PlanReason"/> explains (stable names for API clients).</summary>
public enum PlanReasonKind
{
    /// <summary>Stateless: cloud taken first (brief §5.2), or IDC used and why.</summary>
    CloudFirst,
    /// <summary>Stateless: the share of IDC stock left for hot-cache services.</summary>
    IdcHeadroomKept,
    /// <summary>HotCache: stays on IDC; cloud only when IDC cannot serve (§5.1).</summary>
    HotCacheOnIdc,
    /// <summary>The spread (N+1 or the survivable share) and the cores it adds over the request.</summary>
    Spread,
    /// <summary>Degraded zones avoided, or used and why.</summary>
    DegradedZones,
    /// <summary>Zones that are Down and not used.</summary>
    ZonesDown,
    /// <summary>Offerings skipped because their family recently stocked out there.</summary>
    StockoutFallback,
    /// <summary>The budget binds: cheaper, less preferred capacity taken, or fewer cores served.</summary>
    BudgetCut,
    /// <summary>The plan falls short of the request (with <see cref="Plan.ShortfallReason"/>).</summary>
    Shortfall,
    /// <summary>Which cores stand on counted stock (IDC hosts) and which on a reported category (cloud).</summary>
    StockConfidence,
    /// <summary>The instance-type limit per member zone: what keeping it costs, or why it gives way.</summary>
    NodeShape,
    /// <summary>A provider's stock in the region has not been read yet (right after start-up): the plan could not count it.</summary>
    StockNotRead,
}

/// <summary>One sentence of why a plan looks as it does, with its numbers.</summary>
public sealed record PlanReason(PlanReasonKind Kind, string Text);
