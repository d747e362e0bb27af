namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// What a unit (or a mix of units) weighs in the zone re-pack: in the preference order the cores of
/// ranks 3, 2 and 1, compared before the cost (lexicographic, like <see cref="FillScore"/>); in a
/// penalised order only <see cref="Cost"/>, which then already holds the rank penalty.
/// </summary>
internal readonly record struct RepackWeight(long Rank3, long Rank2, long Rank1, double Cost)
{
    public static RepackWeight Infinite { get; } = new(long.MaxValue, long.MaxValue, long.MaxValue, double.PositiveInfinity);

    public bool IsInfinite => double.IsPositiveInfinity(Cost);

    public static RepackWeight Of(FillOrder order, Candidate c, long units)
    {
        if (!order.Lexicographic) return new(0, 0, 0, units * (c.PricePerUnit + order.Nu * c.Rank * c.CoresPerUnit));
        var cores = units * c.CoresPerUnit;
        return new(c.Rank == 3 ? cores : 0, c.Rank == 2 ? cores : 0, c.Rank == 1 ? cores : 0, units * c.PricePerUnit);
    }

    public static RepackWeight operator +(RepackWeight a, RepackWeight b) =>
        a.IsInfinite || b.IsInfinite ? Infinite : new(a.Rank3 + b.Rank3, a.Rank2 + b.Rank2, a.Rank1 + b.Rank1, a.Cost + b.Cost);

    /// <summary>Lighter by more than rounding noise in cost.</summary>
    public bool IsLighterThan(RepackWeight other) =>
        Rank3 != other.Rank3 ? Rank3 < other.Rank3
        : Rank2 != other.Rank2 ? Rank2 < other.Rank2
        : Rank1 != other.Rank1 ? Rank1 < other.Rank1
        : Cost < other.Cost - 1e-9;
}
