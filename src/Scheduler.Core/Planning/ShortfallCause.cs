namespace CapacityConsole.Scheduler.Planning;

/// <summary>Why a plan falls short; several can hold at once.</summary>
[Flags]
public enum ShortfallCause
{
    None = 0,
    /// <summary>The usable offerings (priced, in stock, not remembered as stocked out) hold too few cores.</summary>
    Stock = 1,
    /// <summary>A plan that serves every core would cost more than the budget left.</summary>
    Budget = 2,
    /// <summary>Capacity in an allowed internal or member zone is lost because that zone is Down.</summary>
    ZonesDown = 4,
    /// <summary>Enough cores exist, but the spread (survivable share), tier or zone rules forbid using them.</summary>
    Constraints = 8,
}
