using System.Globalization;
using CapacityConsole.Provisioning.Benchmarks;

// dotnet run -c Release --project tests/Provisioning.Benchmarks -- [cores] [bootSeconds] [latencySeconds] [transientErrorRate]
// Defaults: 100,000 cores of ecs.c7.2xlarge (8 vCPU, 1.67 CNY/h) with a 60 s boot, loopback latency, no errors.
// "-- 100000 60 1 0.05" is issue 15's run: RunInstances and DescribeInstances answer after 1 s and 5% of them fail transiently.
// See docs/benchmarks.md.
double Arg(int i, double fallback) => args.Length > i ? double.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var cores = (int)Arg(0, 100_000);
var limits = new BenchLimits
{
    BootDelay = TimeSpan.FromSeconds(Arg(1, 60)),
    CallLatency = TimeSpan.FromSeconds(Arg(2, 0)),
    TransientErrorRate = Arg(3, 0),
};
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
var exit = await new ProvisioningRun(cores, "ecs.c7.2xlarge", 8, 1.67m, limits).RunAsync();
Console.WriteLine($"load average at end:   {File.ReadAllText("/proc/loadavg").Trim()}");
return exit;
