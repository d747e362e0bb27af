namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// How good one fill is: feasible first, then — in the preference order — fewest cores of the worst
/// preference rank, then of the next, then the lowest cost, or — in a penalised order — the lowest
/// <see cref="Objective"/> (cost plus the rank penalty, see <see cref="FillOrder"/>). Cost is a double
/// here because the search compares thousands of fills; the plan's money is recomputed in decimal
/// from the chosen units.
/// </summary>
internal readonly record struct FillScore(bool HasCapacity, bool WithinBudget, long Rank3, long Rank2, long Rank1, double CostPerHour,
    bool Lexicographic = true, double Objective = 0)
{
    public bool Feasible => HasCapacity && WithinBudget;

    public static FillScore Infeasible { get; } = new(false, false, long.MaxValue, long.MaxValue, long.MaxValue, double.MaxValue, true, double.MaxValue);

    public bool IsBetterThan(FillScore other)
    {
        if (Feasible != other.Feasible) return Feasible;
        if (!Lexicographic && !other.Lexicographic && Objective != other.Objective) return Objective < other.Objective;
        if (Rank3 != other.Rank3) return Rank3 < other.Rank3;
        if (Rank2 != other.Rank2) return Rank2 < other.Rank2;
        if (Rank1 != other.Rank1) return Rank1 < other.Rank1;
        return CostPerHour < other.CostPerHour;
    }
}
