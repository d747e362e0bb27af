using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Capacity;

/// <summary>Capacity sampling: how long samples are kept for the charts.</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Capacity";

    /// <summary>
    /// Samples older than this are pruned at each sampling. One sample per internal zone and provider a
    /// minute is ~23,000 rows a day for the demo's 8 zones, so a week keeps the table small.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Capacity:SampleRetention must be between 1 hour and 90 days.")]
    public TimeSpan SampleRetention { get; set; } = TimeSpan.FromDays(7);
}
