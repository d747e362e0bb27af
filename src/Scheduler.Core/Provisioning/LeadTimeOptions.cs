using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// The lead-time estimate's defaults (brief §9), used for a provider until recent orders have taught
/// us its real pace, and the ceilings that no history can beat.
/// </summary>
public sealed class LeadTimeOptions
{
    public const string SectionName = "LeadTime";

    /// <summary>How many of the most recent provisioning orders the pace is learned from.</summary>
    [Range(1, 1000)]
    public int HistoryOrders { get; set; } = 20;

    /// <summary>One call to our own IDC inventory system: it only marks hosts as taken.</summary>
    [Range(0.0, 3600.0)]
    public double IdcSecondsPerBatch { get; set; } = 1;

    /// <summary>IDC hosts are racked and running already: they are usable as soon as they are assigned.</summary>
    [Range(0.0, 3600.0)]
    public double IdcBootSeconds { get; set; }

    /// <summary>One RunInstances call of up to 100 instances with our own writes around it.</summary>
    [Range(0.0, 3600.0)]
    public double EcsSecondsPerBatch { get; set; } = 3;

    /// <summary>ECS instances take about a minute from Pending to Running.</summary>
    [Range(0.0, 3600.0)]
    public double EcsBootSeconds { get; set; } = 60;

    /// <summary>
    /// RunInstances calls per second our client allows itself (kept under ECS flow control); the
    /// region's lanes share it, so many lanes in parallel cannot go faster than this.
    /// </summary>
    [Range(0.01, 10_000.0)]
    public double EcsCallsPerSecond { get; set; } = 10;

    /// <summary>ECS creates at most 5000 instances per minute per account (spec §3.6).</summary>
    [Range(1, 1_000_000)]
    public int EcsInstancesPerMinute { get; set; } = 5000;
}
