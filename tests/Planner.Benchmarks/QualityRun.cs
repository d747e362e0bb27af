using System.Diagnostics;
using System.Globalization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// "quality" mode: plans seeded random instances with the planner and with <see cref="ExactModel"/>, and
/// prints planner cost ÷ optimal cost per instance, then the mean and the worst.
/// Usage: quality [instances=100] [timeLimitSecondsPerStage=20]
/// </summary>
public static class QualityRun
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var limit = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var planner = new Scheduler.Planning.Planner();
        var ratios = new List<double>();
        int notOptimal = 0, rankMismatch = 0, skipped = 0;
        Console.WriteLine("seed  tier       share  cores    planned  plannerCNY/h  optimalCNY/h  ratio     planner-ms  solver-s  proven");
        for (var i = 0; i < count; i++)
        {
            var seed = 1000 + i;
            var rng = new Random(seed);
            var cores = (int)Math.Round(Math.Exp(rng.NextDouble() * (Math.Log(100_000) - Math.Log(1_000)) + Math.Log(1_000)));
            var tier = i % 2 == 0 ? ServiceTier.Stateless : ServiceTier.HotCache;
            var share = rng.GetItems([1m, 1m, 0.75m, 0.5m], 1)[0];
            var input = BenchTopology.Create(seed, cores, tier, share);

            var watch = Stopwatch.StartNew();
            var plan = planner.Plan(input);
            var plannerMs = watch.Elapsed.TotalMilliseconds;
            var exact = ExactModel.Solve(input, limit);
            if (!plan.IsComplete || exact is null)
            {
                skipped++;
                Console.WriteLine(FormattableString.Invariant($"{seed}  {tier,-9}  {share,5}  {cores,7}  skipped: planner shortfall {plan.ShortfallCores}, exact {(exact is null ? "infeasible" : "feasible")}"));
                continue;
            }
            var plannerCost = (double)plan.CostPerHour;
            var ratio = plannerCost / exact.CostPerHour;
            ratios.Add(ratio);
            if (!exact.Optimal) notOptimal++;
            var ranks = PlannerRanks(plan, input);
            var sameRanks = ranks.Skip(1).SequenceEqual(exact.CoresByRank.Skip(1));
            if (!sameRanks) rankMismatch++;
            Console.WriteLine(FormattableString.Invariant(
                $"{seed}  {tier,-9}  {share,5}  {cores,7}  {plan.PlannedCores,7}  {plannerCost,12:F2}  {exact.CostPerHour,12:F2}  {ratio,8:F5}  {plannerMs,10:F2}  {exact.Seconds,8:F1}  {exact.Optimal}") +
                (sameRanks ? "" : $"  rank 1/2/3 cores: planner {string.Join('/', ranks.Skip(1))}, exact {string.Join('/', exact.CoresByRank.Skip(1))}"));
        }
        Console.WriteLine();
        if (ratios.Count == 0) { Console.WriteLine("No instance was solved."); return 1; }
        Console.WriteLine(FormattableString.Invariant(
            $"instances {ratios.Count} (skipped {skipped}); planner/optimal mean {ratios.Average():F5}, worst {ratios.Max():F5}, median {ratios.Order().ElementAt(ratios.Count / 2):F5}; within 1%: {ratios.Count(r => r <= 1.01)}; optimum not proven: {notOptimal}; preference-rank mismatches: {rankMismatch}"));
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
