using BenchmarkDotNet.Running;
using CapacityConsole.Planner.Benchmarks;

if (args is ["quality", ..]) return QualityRun.Run(args[1..]);
if (args is ["speed", ..]) return SpeedRun.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(PlannerBenchmarks).Assembly).Run(args);
return 0;
