using CapacityConsole.Scheduler.Planning;
using Google.OrTools.LinearSolver;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// The planner's policy as an integer program, solved exactly with SCIP through OR-Tools:
/// <list type="bullet">
/// <item>the same usable offerings and units (the planner's own candidate set: allowed and non-Down
/// zones, known price, stock less remembered stock-outs and the IDC headroom, tier rule);</item>
/// <item>total cores ≥ N, and for every internal zone z the cores outside z ≥ ⌈s·N⌉ (the survivable share);</item>
/// <item>estimated total ≤ budget left;</item>
/// <item>the preference ranks lexicographically: minimise rank-3 cores, fix that, then rank 2, then
/// rank 1, then cost per hour.</item>
/// </list>
/// </summary>
public sealed class ExactModel
{
    public sealed record Solution(bool Optimal, double CostPerHour, long[] CoresByRank, double Seconds);

    public static Solution? Solve(PlanningInput input, int timeLimitSecondsPerStage)
    {
        var set = CandidateSet.Build(input, [], new Dictionary<string, int>());
        var c = set.Sorted;
        var request = input.Request;
        var survivable = Math.Ceiling(request.SurvivableShare * request.Cores);
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        solver.SetTimeLimit(timeLimitSecondsPerStage * 1000L);
        var units = c.Select((x, i) => solver.MakeIntVar(0, x.Units, $"u{i}")).ToArray();

        var total = solver.MakeConstraint(request.Cores, double.PositiveInfinity, "cores");
        for (var i = 0; i < c.Length; i++) total.SetCoefficient(units[i], c[i].CoresPerUnit);
        for (var z = 0; z < set.ZoneIds.Length; z++)
        {
            var outside = solver.MakeConstraint((double)survivable, double.PositiveInfinity, $"lose-{set.ZoneIds[z]}");
            for (var i = 0; i < c.Length; i++)
                if (c[i].Zone != z) outside.SetCoefficient(units[i], c[i].CoresPerUnit);
        }
        var budget = solver.MakeConstraint(double.NegativeInfinity, (double)input.BudgetLeft, "budget");
        var hours = (double)request.WindowHours;
        for (var i = 0; i < c.Length; i++) budget.SetCoefficient(units[i], c[i].PricePerUnit * hours);

        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-7);
        var optimal = true;
        var started = DateTime.UtcNow;
        var byRank = new long[PreferenceRank.Count];
        for (var rank = PreferenceRank.Count - 1; rank >= 1; rank--)
        {
            if (!c.Any(x => x.Rank == rank)) continue;
            var objective = solver.Objective();
            objective.Clear();
            for (var i = 0; i < c.Length; i++) objective.SetCoefficient(units[i], c[i].Rank == rank ? c[i].CoresPerUnit : 0);
            objective.SetMinimization();
            var status = solver.Solve(parameters);
            if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) return null;
            optimal &= status == Solver.ResultStatus.OPTIMAL;
            byRank[rank] = (long)Math.Round(objective.Value());
            var keep = solver.MakeConstraint(double.NegativeInfinity, byRank[rank], $"rank{rank}");
            for (var i = 0; i < c.Length; i++) if (c[i].Rank == rank) keep.SetCoefficient(units[i], c[i].CoresPerUnit);
        }

        var cost = solver.Objective();
        cost.Clear();
        for (var i = 0; i < c.Length; i++) cost.SetCoefficient(units[i], c[i].PricePerUnit);
        cost.SetMinimization();
        var last = solver.Solve(parameters);
        if (last is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) return null;
        optimal &= last == Solver.ResultStatus.OPTIMAL;
        byRank[0] = (long)Math.Round(c.Select((x, i) => x.Rank == 0 ? units[i].SolutionValue() * x.CoresPerUnit : 0).Sum());
        return new Solution(optimal, cost.Value(), byRank, (DateTime.UtcNow - started).TotalSeconds);
    }
}
