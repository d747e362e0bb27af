using System.Runtime.CompilerServices;

// The benchmarks' exact model reads the planner's own candidate set (usable offerings, units, ranks) so
// that the optimum it computes is over exactly the capacity the planner may use.
[assembly: InternalsVisibleTo("Planner.Benchmarks")]
