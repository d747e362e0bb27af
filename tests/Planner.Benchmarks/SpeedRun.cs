using System.Diagnostics;
using System.Globalization;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// "speed" mode: a quick Stopwatch check (median of N runs after a warm-up) of the cases BenchmarkDotNet
/// measures properly, printing the ratios the targets are stated in: 100k ÷ 1k cores (ample budget)
/// and budget-bound ÷ ample at the same size, and the first of them once more from alternated plans.
/// Usage: speed [runs=7] [pairs=400]
/// </summary>
public static class SpeedRun
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var planner = new Scheduler.Planning.Planner();
        var cpuMs = new Dictionary<PlanningInput, double>(ReferenceEqualityComparer.Instance);
        double Median(PlanningInput input)
        {
            // Enough warm-up calls for tiered JIT to reach optimised code (one call measures tier 0).
            for (var i = 0; i < 30; i++) planner.Plan(input);
            var times = new List<double>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                planner.Plan(input);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            // Wall time on a loaded machine mostly measures the other processes; the CPU time the
            // process spent (planning is single-threaded) moves far less with the load.
            cpuMs[input] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
            return times.Order().ElementAt(times.Count / 2);
        }
        PlanningInput Bound(PlanningInput input, decimal share) =>
            input with { BudgetLeft = Math.Round(planner.Plan(input).EstimatedTotal * share, 2) };

        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        var results = new Dictionary<string, double>();
        var cpuResults = new Dictionary<string, double>();
        // Twice: the first pass lets tiered JIT settle (the first case measured would otherwise run tier-0 code).
        for (var pass = 0; pass < 2; pass++)
        foreach (var cores in new[] { 1_000, 100_000 })
        {
            var ample = BenchTopology.Create(42, cores, ServiceTier.Stateless);
            var cases = new (string Name, PlanningInput Input)[]
            {
                ($"ample {cores}", ample),
                ($"budget 50% {cores}", Bound(ample, 0.5m)),
                ($"budget 90% {cores}", Bound(ample, 0.9m)),
                ($"short (10x stock) {cores}", BenchTopology.Create(42, cores, ServiceTier.Stateless) with
                {
                    Request = ample.Request with { Cores = cores * 10 },
                }),
            };
            foreach (var (name, input) in cases)
            {
                results[name] = Median(input);
                cpuResults[name] = cpuMs[input];
            }
        }
        foreach (var (name, ms) in results)
            Console.WriteLine(FormattableString.Invariant($"{name,-28} {ms,9:F2} ms wall (median)  {cpuResults[name],9:F2} ms CPU (mean)"));
        Console.WriteLine(FormattableString.Invariant($"CPU: 100k / 1k (ample): {cpuResults["ample 100000"] / cpuResults["ample 1000"]:F2}; budget 50% / ample at 100k: {cpuResults["budget 50% 100000"] / cpuResults["ample 100000"]:F2}"));
        Console.WriteLine(FormattableString.Invariant($"100k / 1k (ample): {results["ample 100000"] / results["ample 1000"]:F2} (target <= 2)"));
        foreach (var kind in new[] { "budget 50%", "budget 90%", "short (10x stock)" })
            Console.WriteLine(FormattableString.Invariant($"{kind} / ample at 100k: {results[$"{kind} 100000"] / results["ample 100000"]:F2} (target <= 10)"));
        AlternatedRatio(planner, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400);
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// 100k ÷ 1k (ample) from plans of the two sizes alternated, one pair after another. This machine's
    /// speed changes in phases of seconds (the same build's 1k-core iterations in BenchmarkDotNet land
    /// near 0.65 or 0.95 ms), so two medians measured one after the other can come from different
    /// phases; the two plans of a pair share one, and the median of the pairs' ratios does not move with them.
    /// </summary>
    private static void AlternatedRatio(Scheduler.Planning.Planner planner, int pairs)
    {
        var small = BenchTopology.Create(42, 1_000, ServiceTier.Stateless);
        var large = BenchTopology.Create(42, 100_000, ServiceTier.Stateless);
        double Time(PlanningInput input)
        {
            var watch = Stopwatch.StartNew();
            planner.Plan(input);
            return watch.Elapsed.TotalMilliseconds;
        }
        List<double> smallMs = [], largeMs = [], ratios = [];
        for (var i = 0; i < pairs; i++)
        {
            // Either order in turn, so that neither size always runs on the other's warm caches.
            double a, b;
            if (i % 2 == 0) { a = Time(small); b = Time(large); }
            else { b = Time(large); a = Time(small); }
            smallMs.Add(a);
            largeMs.Add(b);
            ratios.Add(b / a);
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(FormattableString.Invariant(
            $"alternated, {pairs} pairs: 1k {Median(smallMs):F3} ms, 100k {Median(largeMs):F3} ms (medians); 100k / 1k (ample), median of the pairs: {Median(ratios):F2} (target <= 2)"));
    }
}
