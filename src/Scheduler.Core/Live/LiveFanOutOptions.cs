using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Live;

/// <summary>How live updates are paced to many viewers (the SignalR stream).</summary>
public sealed class LiveFanOutOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// The shortest time between two sends of one request or zone (a subject): each reaches its viewers
    /// at most once per interval (5 a second by default), carrying its latest state. A subject quiet for
    /// an interval goes at once, whatever other subjects were just sent; within a burst it waits at most
    /// this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05", ErrorMessage = "Live:CoalesceInterval must be between 10 ms and 5 s.")]
    public TimeSpan CoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The most writes a second the sends of one subject may take while it keeps changing: a subject
    /// watched by N viewers is paced to this ÷ N sends a second (never more often than
    /// <see cref="CoalesceInterval"/> allows), its viewers still getting its latest state; a subject that
    /// changes now and then still goes at once. A write costs ~20–30 µs of CPU (measured,
    /// docs/benchmarks.md): 10,000 viewers of one zone flapping 5 times a second are ~1.2 cores for that
    /// zone alone, 100,000 would be more than a server has. The default (about a core for one subject)
    /// leaves 10,000 viewers at the coalescing interval: paced to 20,000, their p99 delay did not improve
    /// on two cores (the spread of one send is the floor), so pacing there would only cost them freshness.
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Live:WritesPerSecondPerSubject must be between 1,000 and 10,000,000.")]
    public int WritesPerSecondPerSubject { get; set; } = 50_000;

    /// <summary>
    /// How long a send may wait for a viewer that does not read (its buffers are full). Past it the
    /// viewer is disconnected (its client reconnects and reloads), so it never holds up the others.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Live:SlowViewerTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan SlowViewerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Distinct requests, zones and alerts that may wait for one send; past it new ones are dropped and counted.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Live:MaxPending must be between 100 and 1,000,000.")]
    public int MaxPending { get; set; } = 10_000;

    /// <summary>The sustained spacing of the sends of a subject with this many viewers (what a send of it costs).</summary>
    public TimeSpan PaceFor(int viewers) => TimeSpan.FromSeconds(Math.Max(0, viewers) / (double)WritesPerSecondPerSubject);
}
