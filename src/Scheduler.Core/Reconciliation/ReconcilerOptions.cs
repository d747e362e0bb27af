using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>The reconciler's interval and thresholds.</summary>
public sealed class ReconcilerOptions : IValidatableObject
{
    public const string SectionName = "Reconciler";

    /// <summary>
    /// How often the recurring pass runs. A whole number of seconds that divides a minute, or of
    /// minutes that divides an hour, so it maps onto a cron schedule that does not drift.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Reconciler:Interval must be between 5 seconds and 1 hour.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Work on a request that shows no sign of life for this long (no heartbeat, no batch sent or
    /// recorded, no boot re-check booked) is taken to be lost with a crash and scheduled again. Well
    /// under the interval, so a killed console resumes within one pass after its restart;
    /// well over the boot re-check (2 s) and one provider call, so live work is not doubled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00", ErrorMessage = "Reconciler:StalledAfter must be between 5 seconds and 30 minutes.")]
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The recurring pass's cron expression (with a seconds field below one minute).</summary>
    public string Cron => Interval < TimeSpan.FromMinutes(1)
        ? $"*/{(int)Interval.TotalSeconds} * * * * *"
        : $"*/{(int)Interval.TotalMinutes} * * * *";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var evenSeconds = Interval < TimeSpan.FromMinutes(1) && Interval.Ticks % TimeSpan.TicksPerSecond == 0 && 60 % (int)Interval.TotalSeconds == 0;
        var evenMinutes = Interval >= TimeSpan.FromMinutes(1) && Interval.Ticks % TimeSpan.TicksPerMinute == 0 && 60 % (int)Interval.TotalMinutes == 0;
        if (!evenSeconds && !evenMinutes)
            yield return new ValidationResult(
                "Reconciler:Interval must be whole seconds dividing a minute (5, 6, 10, 12, 15, 20, 30 s) or whole minutes dividing an hour.",
                [nameof(Interval)]);
        // A start-up pass a silence after start picks up work killed just before it: it must come before the next interval's pass.
        if (StalledAfter >= Interval)
            yield return new ValidationResult("Reconciler:StalledAfter must be shorter than Reconciler:Interval, or a restarted console resumes a pass late.",
                [nameof(StalledAfter)]);
    }
}
