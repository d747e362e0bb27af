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
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
