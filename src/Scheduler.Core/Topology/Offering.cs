namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// What a provider can deliver in a member zone: an IDC host class or an ECS instance type.
/// A known offering that is out of stock stays, with <see cref="Stock"/> 0, instead of being dropped.
/// An unknown price is null and makes the offering unusable: never a placeholder that looks real.
/// <see cref="Stock"/> is what the planner may count on: for <see cref="StockKind.Counted"/> stock the
/// count; for a <see cref="StockKind.Reported"/> category the assumed nominal count as stored, which
/// planning replaces with a learned cap where one exists (see Planning.LearnedStock, issue 13).
/// </summary>
public sealed record Offering(
    string Id,
    string MemberZoneId,
    ProviderKind Provider,
    string InstanceType,
    string Family,
    int CoresPerUnit,
    decimal? PricePerHour,
    int Stock,
    DateTimeOffset RefreshedAt)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Offering() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!) { }

    /// <summary>Counted (IDC hosts) or only a reported category (ECS); when nobody said, IDC counts and cloud reports.</summary>
    public StockKind StockKind { get; init; } = Provider == ProviderKind.Idc ? StockKind.Counted : StockKind.Reported;

    /// <summary>The category the provider reported, for reported stock (null for counted stock, or when not known).</summary>
    public ReportedStockCategory? StockCategory { get; init; }

    /// <summary>
    /// For reported stock, whether <see cref="Stock"/> comes from what recent fulfilments taught rather
    /// than the nominal count assumed for the category. Set when planning, never stored.
    /// </summary>
    public bool StockLearned { get; init; }

    /// <summary>
    /// Units that stand confirmed: the count of counted stock; for reported stock, what the latest recent
    /// fulfilment in this zone and type actually delivered (0 when none). Set when planning, never stored.
    /// </summary>
    public int DeliveredUnits { get; init; }

    public int ConfirmedUnits => StockKind == StockKind.Counted ? Stock : Math.Min(Stock, DeliveredUnits);

    public bool IsUsable => PricePerHour is not null && Stock > 0;

    public decimal? PricePerCoreHour => PricePerHour / CoresPerUnit;
}
