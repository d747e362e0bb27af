namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// What a provider can deliver in a member zone: an IDC host class or an ECS instance type.
/// A known offering that is out of stock stays, with <see cref="Stock"/> 0, instead of being dropped.
/// An unknown price is null and makes the offering unusable: never a placeholder that looks real.
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

    public bool IsUsable => PricePerHour is not null && Stock > 0;

    public decimal? PricePerCoreHour => PricePerHour / CoresPerUnit;
}
