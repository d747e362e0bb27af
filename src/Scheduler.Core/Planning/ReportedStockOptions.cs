using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What the scheduler counts on for stock a provider only reports as a category (ECS, issue 13).
/// The assumed counts stand only where nothing was learned (<see cref="LearnedStock"/>), and a plan
/// on them says so; cores are confirmed only within what a recent fulfilment delivered.
/// </summary>
public sealed class ReportedStockOptions
{
    public const string SectionName = "ReportedStock";

    /// <summary>Units assumed for a WithStock answer per (member zone, instance type) until a fulfilment teaches better.</summary>
    [Range(0, 1_000_000)]
    public int AssumedUnitsWithStock { get; set; } = 1000;

    /// <summary>Units assumed for ClosedWithStock (low stock, still sold).</summary>
    [Range(0, 1_000_000)]
    public int AssumedUnitsClosedWithStock { get; set; } = 10;

    /// <summary>How long what a fulfilment delivered in a zone and type confirms that many units there.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ConfirmedByDeliveryFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The unit count assumed for a category; none for the categories that sell nothing.</summary>
    public int AssumedUnits(ReportedStockCategory category) => category switch
    {
        ReportedStockCategory.WithStock => AssumedUnitsWithStock,
        ReportedStockCategory.ClosedWithStock => AssumedUnitsClosedWithStock,
        _ => 0,
    };
}
