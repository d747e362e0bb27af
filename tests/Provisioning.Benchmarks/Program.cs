using System.Globalization;
using CapacityConsole.Provisioning.Benchmarks;

// dotnet run -c Release --project tests/Provisioning.Benchmarks -- [cores] [bootSeconds]
// Defaults: 100,000 cores of ecs.c7.2xlarge (8 vCPU, 1.67 CNY/h) with a 60 s boot. See docs/benchmarks.md.
var cores = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var limits = new BenchLimits();
if (args.Length > 1) limits = limits with { BootDelay = TimeSpan.FromSeconds(int.Parse(args[1], CultureInfo.InvariantCulture)) };
return await new ProvisioningRun(cores, "ecs.c7.2xlarge", 8, 1.67m, limits).RunAsync();
