using CapacityConsole.Scheduler.Planning;
using FsCheck;
using FsCheck.Xunit;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>The fractional fill's cap search (FsCheck, random topologies).</summary>
[Properties(Arbitrary = [typeof(RandomScenarios)], MaxTest = 300)]
public class RelaxedFillProperties
{
    /// <summary>
    /// The golden-section search finds a cap as good as the best of every cap in the range, in the
    /// cheapest order and in the preference order: the value is convex in the cap, and a search that
    /// kept the wrong side of a probe would end above the minimum. Compared to the millionth (cores,
    /// CNY/h): on a flat stretch the fills' sums differ in the last bits (188.66 against 188.65999999999997).
    /// </summary>
    [Property]
    public Property Best_IsAsGoodAsEveryCapInTheRange(RandomScenario scenario, PositiveInt share)
    {
        var input = scenario.Input;
        var set = CandidateSet.Build(input, [], new Dictionary<string, int>());
        var cores = Math.Max(1, input.Request.Cores * (share.Get % 4 + 1) / 4);
        var survivable = (long)Math.Ceiling(input.Request.SurvivableShare * cores);
        var (lo, hi) = RelaxedFill.CapRange(set, cores, survivable);
        var why = "";
        return new[] { set.Cheapest, set.PreferenceOrder }.All(order =>
        {
            // A fill of its own, so the remembered search results of the set's fill are not reused.
            var fill = new RelaxedFill(set, order);
            var (at, found) = fill.Best(lo, hi, cores, survivable);
            for (var cap = lo; cap <= hi; cap++)
                if (fill.At(cap, cores, survivable) is var v && Rounded(v).IsBetterThan(Rounded(found)))
                {
                    why = $"lexicographic {order.Lexicographic}: cap {cap} {v} better than found cap {at} {found}";
                    return false;
                }
            return true;
        }).Label($"{scenario}\ncores {cores}, caps {lo}..{hi}\n{why}");
    }

    private static RelaxedFill.Value Rounded(RelaxedFill.Value v) => v with
    {
        Missing = Math.Round(v.Missing, 6), Rank3 = Math.Round(v.Rank3, 6), Rank2 = Math.Round(v.Rank2, 6),
        Rank1 = Math.Round(v.Rank1, 6), Cost = Math.Round(v.Cost, 6), Objective = Math.Round(v.Objective, 6),
    };
}
