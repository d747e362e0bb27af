using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What a stock-out is remembered by. A whole instance family in a member zone, not one size: when
/// ecs.c7.8xlarge is out in a zone, ecs.c7.16xlarge there usually is too (Karpenter keeps the same key).
/// </summary>
public readonly record struct StockoutKey(ProviderKind Provider, string MemberZoneId, string Family)
{
    public static StockoutKey Of(Offering offering) => new(offering.Provider, offering.MemberZoneId, offering.Family);
}
