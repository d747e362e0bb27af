using CapacityConsole.Scale.Benchmarks;

// dotnet run -c Release --project tests/Scale.Benchmarks -- jobs [postgres-server-connection-string]
// dotnet run -c Release --project tests/Scale.Benchmarks -- pages
// dotnet run -c Release --project tests/Scale.Benchmarks -- growth [postgres-server-connection-string] [factors, e.g. 1,100]
// jobs:  reconciler, sampler, lead-time, zone overview and approval-queue passes at 10,000 live resources.
// growth: dashboard, plan preview, reconciler and sampler at 1x, 10x and 100x the history (issue 15).
// pages: bursts the heaviest pages against a console process at 10x the measured tables; reports peak RSS.
// See docs/benchmarks.md.
var mode = args.Length > 0 ? args[0] : "jobs";
return mode switch
{
    "jobs" => await new JobPasses(args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("CAPACITY_BENCH_POSTGRES")).RunAsync(),
    "pages" => await new PageBurst().RunAsync(),
    "growth" => await GrowthRun.FromArguments(args.Skip(1).ToArray()).RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Scale.Benchmarks jobs [postgres-connection-string] | pages | growth [postgres-connection-string] [factors]");
    return 2;
}
