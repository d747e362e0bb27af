using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Jobs;

public sealed class JobPassOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// A recurring job's pass longer than this is logged as a warning with its duration and what it
    /// scanned (issue 16: reconciler passes of 2.8–16.7 s went unnoticed under page load).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SlowPass { get; set; } = TimeSpan.FromSeconds(1);
}
