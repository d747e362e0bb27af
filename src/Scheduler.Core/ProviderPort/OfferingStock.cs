using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>
/// An offering's stock as the provider knows it: either a count of free units (<see cref="Counted"/>,
/// IDC hosts) or only a category (<see cref="Reported"/>, ECS), never both. The adapter does not turn
/// a category into a unit count: what the scheduler may count on for a category is its own choice
/// (an assumed nominal count, or what recent fulfilments taught, see Planning.LearnedStock).
/// </summary>
public sealed record OfferingStock
{
    private OfferingStock(StockKind kind, int? units, ReportedStockCategory? category) =>
        (Kind, Units, Category) = (kind, units, category);

    public StockKind Kind { get; }

    /// <summary>Free units, for counted stock only (null for a reported category).</summary>
    public int? Units { get; }

    /// <summary>The category, for reported stock only (null for counted stock).</summary>
    public ReportedStockCategory? Category { get; }

    /// <summary>Whether the provider says there is anything to take: a count above 0, or a category that sells.</summary>
    public bool HasAny => Kind == StockKind.Counted ? Units > 0 : Category is ReportedStockCategory.WithStock or ReportedStockCategory.ClosedWithStock;

    public static OfferingStock Counted(int units) => units >= 0
        ? new(StockKind.Counted, units, null)
        : throw new ArgumentOutOfRangeException(nameof(units), units, "Counted stock cannot be negative.");

    public static OfferingStock Reported(ReportedStockCategory category) => new(StockKind.Reported, null, category);

    public override string ToString() => Kind == StockKind.Counted ? $"{Units} counted" : $"reported {Category}";
}
