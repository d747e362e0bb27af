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
    /// How long a send may wait for a viewer that does not read (its buffers are full). Past it the
    /// viewer is disconnected (its client reconnects and reloads), so it never holds up the others.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Live:SlowViewerTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan SlowViewerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most writes to viewers a second the stream makes, over all subjects (one write per viewer
    /// and send): with 10,000 viewers of one flapping zone, 2.5 of its states a second by default. A
    /// write costs ~20–25 µs of CPU on the 2-core reference machine (Kestrel, SignalR and the kernel's
    /// send), so the default keeps the fan-out near a quarter of two cores and leaves the rest to the
    /// API and the jobs. With more cores, raise it in proportion.
    /// </summary>
    [Range(1_000, 10_000_000, ErrorMessage = "Live:MaxWritesPerSecond must be between 1,000 and 10,000,000.")]
    public int MaxWritesPerSecond { get; set; } = 25_000;

    /// <summary>Distinct requests, zones and alerts that may wait for one send; past it new ones are dropped and counted.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Live:MaxPending must be between 100 and 1,000,000.")]
    public int MaxPending { get; set; } = 10_000;
}
