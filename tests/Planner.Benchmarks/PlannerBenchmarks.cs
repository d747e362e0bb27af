using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// Time to plan a request over 32 internal zones × 40 offerings (brief §6). ShortRun keeps the run to
/// a few seconds per case on the 2-core machine that other engineers build on.
/// </summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
[MedianColumn]
public class PlannerBenchmarks
{
    private readonly Scheduler.Planning.Planner _planner = new();
    private PlanningInput _input = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Cores { get; set; }

    [GlobalSetup]
    public void Setup() => _input = BenchTopology.Create(seed: 42, Cores, ServiceTier.Stateless);

    [Benchmark]
    public Plan Plan() => _planner.Plan(_input);
}
