using System.Diagnostics;
using System.Globalization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// "speed" mode: a quick Stopwatch check (median of N runs after a warm-up) of the cases BenchmarkDotNet
/// measures properly, printing the ratios the targets are stated in: 100k ÷ 1k cores (ample budget)
/// and budget-bound ÷ ample at the same size. Usage: speed [runs=7]
/// </summary>
public static class SpeedRun
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var planner = new Scheduler.Planning.Planner();
        double Median(PlanningInput input)
        {
            // Enough warm-up calls for tiered JIT to reach optimised code (one call measures tier 0).
            for (var i = 0; i < 30; i++) planner.Plan(input);
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                planner.Plan(input);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(times.Count / 2);
        }
        PlanningInput Bound(PlanningInput input, decimal share) =>
            input with { BudgetLeft = Math.Round(planner.Plan(input).EstimatedTotal * share, 2) };

        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        var results = new Dictionary<string, double>();
        // Twice: the first pass lets tiered JIT settle (the first case measured would otherwise run tier-0 code).
        for (var pass = 0; pass < 2; pass++)
        foreach (var cores in new[] { 1_000, 100_000 })
        {
            var ample = BenchTopology.Create(42, cores, ServiceTier.Stateless);
            results[$"ample {cores}"] = Median(ample);
            results[$"budget 50% {cores}"] = Median(Bound(ample, 0.5m));
            results[$"budget 90% {cores}"] = Median(Bound(ample, 0.9m));
            results[$"short (10x stock) {cores}"] = Median(BenchTopology.Create(42, cores, ServiceTier.Stateless) with
            {
                Request = ample.Request with { Cores = cores * 10 },
            });
        }
        foreach (var (name, ms) in results) Console.WriteLine(FormattableString.Invariant($"{name,-28} {ms,9:F2} ms"));
        Console.WriteLine(FormattableString.Invariant($"100k / 1k (ample): {results["ample 100000"] / results["ample 1000"]:F2} (target <= 2)"));
        foreach (var kind in new[] { "budget 50%", "budget 90%", "short (10x stock)" })
            Console.WriteLine(FormattableString.Invariant($"{kind} / ample at 100k: {results[$"{kind} 100000"] / results["ample 100000"]:F2} (target <= 10)"));
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
