using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>Knobs of the planning policy (brief §5).</summary>
public sealed record PlannerOptions
{
    public const string SectionName = "Planner";

    public static PlannerOptions Default { get; } = new();

    /// <summary>
    /// Share of each IDC offering's stock that Stateless requests leave alone, so that hot-cache
    /// services (which stay on IDC, brief §5.1) still find IDC capacity during a burst (§5.2).
    /// 0.2 keeps a fifth of every IDC host class; the reserve is rounded up to whole units.
    /// </summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal IdcHeadroomForHotCache { get; init; } = 0.2m;
}
