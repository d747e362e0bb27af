namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// What an offering's stock figure rests on (issue 13: stock you can stand on). IDC hosts are
/// counted one by one; ECS only reports a category (<see cref="ReportedStockCategory"/>), never a
/// count, so any unit figure for it is an assumption or a lesson from recent fulfilments.
/// </summary>
public enum StockKind
{
    /// <summary>A real count of free units (IDC hosts).</summary>
    Counted,

    /// <summary>Only a category the provider reports (ECS DescribeAvailableResource).</summary>
    Reported,
}

/// <summary>ECS's stock categories (DescribeAvailableResource StatusCategory, plus a SoldOut status).</summary>
public enum ReportedStockCategory
{
    /// <summary>Enough stock.</summary>
    WithStock,

    /// <summary>Low stock, still sold.</summary>
    ClosedWithStock,

    /// <summary>None now, will be replenished.</summary>
    WithoutStock,

    /// <summary>None, not replenished.</summary>
    ClosedWithoutStock,

    /// <summary>The zone or the type answered Status SoldOut.</summary>
    SoldOut,
}
