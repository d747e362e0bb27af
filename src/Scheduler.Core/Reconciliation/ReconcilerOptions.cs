using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>The reconciler's thresholds (its interval is the recurring job's, one minute).</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    /// <summary>
    /// Work on a request that shows no sign of life for this long (no heartbeat, no batch sent or
    /// recorded, no boot re-check booked) is taken to be lost with a crash and scheduled again. Well
    /// under the one-minute interval, so a killed console resumes within one pass after its restart;
    /// well over the boot re-check (2 s) and one provider call, so live work is not doubled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00", ErrorMessage = "Reconciler:StalledAfter must be between 5 seconds and 30 minutes.")]
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(20);
}
