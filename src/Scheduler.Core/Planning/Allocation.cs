using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>One line of a plan: so many units of one offering in one member zone.</summary>
public sealed record Allocation(
    string InternalZoneId,
    string MemberZoneId,
    ProviderKind Provider,
    string OfferingId,
    string InstanceType,
    int Units,
    int Cores,
    decimal CostPerHour)
{
    /// <summary>What the stock under these units rests on (set when planning, see <see cref="StockConfidence"/>).</summary>
    public StockBasis StockBasis { get; init; } = Provider == ProviderKind.Idc ? StockBasis.Counted : StockBasis.Assumed;

    /// <summary>
    /// Cores standing on confirmed stock: all of them on counted stock; on reported stock, only the
    /// units a recent fulfilment in this zone and type delivered (issue 13). The rest are expected.
    /// </summary>
    public int ConfirmedCores { get; init; }

    /// <summary>Cores counted on a reported category rather than confirmed.</summary>
    public int ExpectedCores => Cores - ConfirmedCores;

    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Allocation() : this(default!, default!, default!, default!, default!, default!, default!, default!) { }
}

