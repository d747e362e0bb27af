using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>How the approval queue's stored previews are kept fresh.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    /// <summary>
    /// Re-plan stale previews in a background service. Off only where a test drives
    /// <see cref="ApprovalPreviewRefresher"/> itself.
    /// </summary>
    public bool RefreshInBackground { get; set; } = true;

    /// <summary>
    /// A check for changed inputs even when no live update arrived: filing or deciding a request
    /// moves budgets, which publishes nothing the worker wakes on, and an update may be lost between instances.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Updates arriving within this time are handled by one pass (an executor publishes one per batch).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A pass longer than this is logged as a warning with what it scanned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SlowPass { get; set; } = TimeSpan.FromSeconds(2);
}
