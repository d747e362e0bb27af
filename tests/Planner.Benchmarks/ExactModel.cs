using CapacityConsole.Scheduler.Planning;
using Google.OrTools.LinearSolver;

namespace CapacityConsole.Planner.Benchmarks;

/// <summary>
/// The planner's policy as an integer program, solved exactly with SCIP through OR-Tools:
/// <list type="bullet">
/// <item>the same usable offerings and units (the planner's own candidate set: allowed and non-Down
/// zones, known price, stock less remembered stock-outs and the IDC headroom, tier rule);</item>
/// <item>served cores M ≤ N (an integer variable): total cores ≥ M, and for every internal zone z the
/// cores outside z ≥ s·M (the survivable share; ⌈s·M⌉ ≤ x ⇔ s·M ≤ x for whole cores);</item>
/// <item>estimated total ≤ budget left;</item>
/// <item>node shape: the candidate set already counts usable cores (less the node overhead) and leaves
/// out units under the minimum size; with a type limit, at most that many offerings per member zone;</item>
/// <item>lexicographically: maximise M, fix it; then minimise rank-3 cores, fix that, then rank 2, then
/// rank 1, then cost per hour (issue 13: served cores first).</item>
/// </list>
/// </summary>
public sealed class ExactModel
{
    public sealed record Solution(bool Optimal, int Served, double CostPerHour, long[] CoresByRank, double Seconds)
    {
        /// <summary>Units per candidate, in the candidate set's order (for diagnosis).</summary>
        public int[] Units { get; init; } = [];
    }

    public static Solution? Solve(PlanningInput input, int timeLimitSecondsPerStage)
    {
        var set = CandidateSet.Build(input, [], new Dictionary<string, int>());
        var c = set.Sorted;
        var request = input.Request;
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        solver.SetTimeLimit(timeLimitSecondsPerStage * 1000L);
        var units = c.Select((x, i) => solver.MakeIntVar(0, x.Units, $"u{i}")).ToArray();
        if (input.Options.MaxInstanceTypesPerMemberZone is { } maxTypes)
        {
            // Type limit: a binary per offering opens it; at most maxTypes open per member zone.
            var open = c.Select((x, i) => solver.MakeBoolVar($"open{i}")).ToArray();
            for (var i = 0; i < c.Length; i++)
            {
                var link = solver.MakeConstraint(double.NegativeInfinity, 0, $"link{i}");
                link.SetCoefficient(units[i], 1);
                link.SetCoefficient(open[i], -c[i].Units);
            }
            foreach (var member in c.Select((x, i) => (x.Offering.MemberZoneId, i)).GroupBy(p => p.MemberZoneId))
            {
                var limit = solver.MakeConstraint(double.NegativeInfinity, maxTypes, $"types-{member.Key}");
                foreach (var (_, i) in member) limit.SetCoefficient(open[i], 1);
            }
        }

        var served = solver.MakeIntVar(0, request.Cores, "served");
        var total = solver.MakeConstraint(0, double.PositiveInfinity, "cores");
        total.SetCoefficient(served, -1);
        for (var i = 0; i < c.Length; i++) total.SetCoefficient(units[i], c[i].CoresPerUnit);
        for (var z = 0; z < set.ZoneIds.Length; z++)
        {
            var outside = solver.MakeConstraint(0, double.PositiveInfinity, $"lose-{set.ZoneIds[z]}");
            outside.SetCoefficient(served, -(double)request.SurvivableShare);
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
        var most = solver.Objective();
        most.Clear();
        most.SetCoefficient(served, 1);
        most.SetMaximization();
        var first = solver.Solve(parameters);
        if (first is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) return null;
        optimal &= first == Solver.ResultStatus.OPTIMAL;
        var servedCores = (int)Math.Round(served.SolutionValue());
        var keepServed = solver.MakeConstraint(servedCores, double.PositiveInfinity, "served");
        keepServed.SetCoefficient(served, 1);

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
        return new Solution(optimal, servedCores, cost.Value(), byRank, (DateTime.UtcNow - started).TotalSeconds)
        {
            Units = units.Select(u => (int)Math.Round(u.SolutionValue())).ToArray(),
        };
    }
}
