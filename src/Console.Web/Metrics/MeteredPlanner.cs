using System.Diagnostics.Metrics;
using CapacityConsole.Scheduler.Planning;

namespace CapacityConsole.Web.Metrics;

/// <summary>
/// The planner with its duration histogram (meter "CapacityConsole.Planner"):
/// capacity_planner_duration_seconds{operation=plan|replan, outcome=complete|short}. A decorator,
/// so the pure planner stays free of instruments; a plan that throws (bad input) is not timed.
/// </summary>
public sealed class MeteredPlanner : IPlanner, IDisposable
{
    public const string MeterName = "CapacityConsole.Planner";

    private readonly Planner _inner;
    private readonly TimeProvider _clock;
    private readonly Meter _meter;
    private readonly Histogram<double> _duration;

    public MeteredPlanner(Planner inner, IMeterFactory meters, TimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
        _meter = meters.Create(MeterName);
        _duration = _meter.CreateHistogram<double>("capacity.planner.duration", unit: "s",
            description: "How long the planner took for one plan or re-plan.");
    }

    public Plan Plan(PlanningInput input) => Timed("plan", () => _inner.Plan(input), p => p);

    public Replan Replan(ReplanInput input) => Timed("replan", () => _inner.Replan(input), r => r.Plan);

    private T Timed<T>(string operation, Func<T> run, Func<T, Plan> planOf)
    {
        var started = _clock.GetTimestamp();
        var result = run();
        _duration.Record(_clock.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", planOf(result).IsComplete ? "complete" : "short"));
        return result;
    }

    public void Dispose() => _meter.Dispose();
}
