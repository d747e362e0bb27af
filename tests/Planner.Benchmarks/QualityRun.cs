using System.Diagnostics;
using System.Globalization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// "quality" mode: plans seeded random instances with the planner and with <see cref="ExactModel"/>, and
/// compares served cores first (they must be equal), then planner cost ÷ optimal cost, per instance and
/// as mean and worst. Half the instances have an ample budget; the other half a budget of 30–95% of
/// what the ample plan costs, so that the budget binds (issue 13). Every instance's region has
/// Degraded and Down zones (see <see cref="BenchTopology"/>).
/// Usage: quality [instances=100] [timeLimitSecondsPerStage=20]
/// </summary>
public static class QualityRun
{
    private static readonly decimal[] BudgetShares = [0.3m, 0.5m, 0.7m, 0.85m, 0.95m];

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var limit = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var planner = new Scheduler.Planning.Planner();
        var ratios = new List<(double Ratio, bool Bound)>();
        int notOptimal = 0, rankMismatch = 0, skipped = 0, servedShort = 0, servedMore = 0;
        Console.WriteLine("seed  tier       share  budget  cores    served/opt       plannerCNY/h  optimalCNY/h  ratio     planner-ms  solver-s  proven  zones(deg/down)");
        for (var i = 0; i < count; i++)
        {
            var seed = 1000 + i;
            var rng = new Random(seed);
            var cores = (int)Math.Round(Math.Exp(rng.NextDouble() * (Math.Log(100_000) - Math.Log(1_000)) + Math.Log(1_000)));
            var tier = i % 2 == 0 ? ServiceTier.Stateless : ServiceTier.HotCache;
            var share = rng.GetItems([1m, 1m, 0.75m, 0.5m], 1)[0];
            var input = BenchTopology.Create(seed, cores, tier, share);
            // Odd pairs of instances get a budget that binds: a share of what the ample plan costs.
            var bound = i / 2 % 2 == 1;
            var budgetShare = BudgetShares[i / 4 % BudgetShares.Length];
            if (bound) input = input with { BudgetLeft = Math.Round(planner.Plan(input).EstimatedTotal * budgetShare, 2) };

            var watch = Stopwatch.StartNew();
            var plan = planner.Plan(input);
            var plannerMs = watch.Elapsed.TotalMilliseconds;
            var exact = ExactModel.Solve(input, limit);
            var zones = input.Topology.InternalZones;
            var health = $"{zones.Count(z => z.Health == ZoneHealth.Degraded)}/{zones.Count(z => z.Health == ZoneHealth.Down)}";
            var budgetText = bound ? $"{budgetShare:P0}" : "ample";
            if (exact is null)
            {
                skipped++;
                Console.WriteLine(FormattableString.Invariant($"{seed}  {tier,-9}  {share,5}  {budgetText,6}  {cores,7}  skipped: exact model infeasible or timed out"));
                continue;
            }
            var served = Scheduler.Planning.Planner.ServedCores(plan.Allocations, cores, share);
            if (served < exact.Served) servedShort++;
            if (served > exact.Served) servedMore++;
            if (!exact.Optimal) notOptimal++;
            var plannerCost = (double)plan.CostPerHour;
            var ratio = exact.CostPerHour == 0 ? (plannerCost == 0 ? 1 : double.PositiveInfinity) : plannerCost / exact.CostPerHour;
            var ranks = PlannerRanks(plan, input);
            var sameRanks = ranks.Skip(1).SequenceEqual(exact.CoresByRank.Skip(1));
            if (!sameRanks) rankMismatch++;
            // Cost is compared only between plans that serve the same cores (served cores come first).
            if (served == exact.Served) ratios.Add((ratio, bound));
            Console.WriteLine(FormattableString.Invariant(
                $"{seed}  {tier,-9}  {share,5}  {budgetText,6}  {cores,7}  {served,7}/{exact.Served,-7}  {plannerCost,12:F2}  {exact.CostPerHour,12:F2}  {ratio,8:F5}  {plannerMs,10:F2}  {exact.Seconds,8:F1}  {exact.Optimal,-6}  {health}") +
                (sameRanks ? "" : $"  rank 1/2/3 cores: planner {string.Join('/', ranks.Skip(1))}, exact {string.Join('/', exact.CoresByRank.Skip(1))}"));
        }
        Console.WriteLine();
        if (ratios.Count == 0) { Console.WriteLine("No instance was solved."); return 1; }
        static string Summary(IReadOnlyCollection<double> r) => r.Count == 0 ? "none" : FormattableString.Invariant(
            $"{r.Count} instances, planner/optimal mean {r.Average():F5}, worst {r.Max():F5}, median {r.Order().ElementAt(r.Count / 2):F5}");
        Console.WriteLine($"served cores: equal to the optimum on {count - skipped - servedShort - servedMore} of {count - skipped} solved instances; fewer on {servedShort}; more on {servedMore} (skipped {skipped})");
        Console.WriteLine("cost at equal served cores, all:          " + Summary(ratios.Select(r => r.Ratio).ToArray()));
        Console.WriteLine("cost at equal served cores, ample budget: " + Summary(ratios.Where(r => !r.Bound).Select(r => r.Ratio).ToArray()));
        Console.WriteLine("cost at equal served cores, budget-bound: " + Summary(ratios.Where(r => r.Bound).Select(r => r.Ratio).ToArray()));
        Console.WriteLine($"optimum not proven: {notOptimal}; preference-rank mismatches: {rankMismatch}");
        return 0;
    }

    /// <summary>The planner's cores per preference rank, to compare with the exact lexicographic optimum.</summary>
    private static long[] PlannerRanks(Plan plan, PlanningInput input)
    {
        var set = CandidateSet.Build(input, [], new Dictionary<string, int>());
        var rankOf = set.Sorted.ToDictionary(c => c.Offering.Id, c => c.Rank);
        var byRank = new long[PreferenceRank.Count];
        foreach (var a in plan.Allocations) byRank[rankOf[a.OfferingId]] += a.Cores;
        return byRank;
    }
}
