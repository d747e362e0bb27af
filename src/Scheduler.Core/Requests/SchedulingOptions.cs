using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Requests;

/// <summary>Timing of the main job: how long stock-outs are remembered, the grace after a window, the auto-release margin.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>The owner tag value on everything this console creates; reconciliation lists by it.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string Owner { get; set; } = "capacity-console";

    /// <summary>Units per provider call; ECS RunInstances takes at most 100 (its Amount limit).</summary>
    [Range(1, 100, ErrorMessage = "Scheduling:MaxUnitsPerBatch must be between 1 and 100.")]
    public int MaxUnitsPerBatch { get; set; } = 100;

    /// <summary>
    /// Batches of different (provider, member zone) lanes sent at once. Provider rate limits are per
    /// region and API, so lanes mostly overlap call latency and our own writes; this is what lets
    /// 100,000 cores go out in minutes instead of one call after another.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Scheduling:MaxParallelBatches must be between 1 and 64.")]
    public int MaxParallelBatches { get; set; } = 8;

    /// <summary>
    /// Batches of one lane in flight at once, in sequence order (all lanes together stay within
    /// <see cref="MaxParallelBatches"/>). Issue 15: with RunInstances taking about a second, one at a
    /// time per lane sent 4 calls a second over 4 zones where ECS allows 10, and the last minute
    /// window's calls trailed its start by 10 s.
    /// </summary>
    [Range(1, 8, ErrorMessage = "Scheduling:MaxSendsPerLane must be between 1 and 8.")]
    public int MaxSendsPerLane { get; set; } = 2;

    /// <summary>
    /// Batches whose boot is asked about at once (DescribeInstances by batch tag), spread over the
    /// lanes: each lane asks about its oldest booting batches a few at a time. Issue 15: at about a
    /// second per call, one batch at a time per lane left Active half a minute behind the last boot
    /// at 125 batches. ECS's DescribeInstances quota is far above the client's 20/s default.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Scheduling:MaxParallelBootPolls must be between 1 and 64.")]
    public int MaxParallelBootPolls { get; set; } = 16;

    /// <summary>
    /// While instances boot, the pre-warm checks again after this long (ECS advises polling every
    /// 1–2 s). A request turns Active only when every resource is Running: "ready by T1" means usable.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Scheduling:BootPollInterval must be between 1 second and 5 minutes.")]
    public TimeSpan BootPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// An instance not Running this long after it was created is released and replaced (counted on the
    /// timeline): ECS boots in tens of seconds, so one still Pending after minutes will not serve the event.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "02:00:00", ErrorMessage = "Scheduling:BootTimeout must be between 30 seconds and 2 hours.")]
    public TimeSpan BootTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sends of one batch that may fail with throttling or transient errors before the batch is given
    /// up (and re-planned elsewhere, or the pre-warm fails loudly when nothing could be delivered).
    /// </summary>
    [Range(1, 100, ErrorMessage = "Scheduling:MaxBatchAttempts must be between 1 and 100.")]
    public int MaxBatchAttempts { get; set; } = 8;

    /// <summary>How many times one pre-warm may re-plan after stock-outs before it settles for what it has.</summary>
    [Range(0, 20)]
    public int MaxReplans { get; set; } = 5;

    /// <summary>How long an offering family that ran out of stock is skipped by the planner.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Scheduling:StockoutMemory must be between 10 seconds and 1 day.")]
    public TimeSpan StockoutMemory { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Capacity is released this long after the window ends.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Scheduling:ReleaseGrace must be between 0 and 1 day.")]
    public TimeSpan ReleaseGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Cloud instances carry AutoReleaseTime = window end + grace + this margin, so the provider returns them even if we are gone.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Scheduling:AutoReleaseMargin must be between 5 minutes and 7 days.")]
    public TimeSpan AutoReleaseMargin { get; set; } = TimeSpan.FromHours(2);
}
