using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>The marks every chart shares: an event's pre-warm, window and release, and zone health changes.</summary>
public static class ChartAnnotations
{
    /// <summary>
    /// Pre-warm (lead before T1), the window T1–T2 and the release after T2, up to when the release
    /// finished (a Released request's last update) or now while it runs.
    /// </summary>
    public static IEnumerable<ChartBand> EventBands(CoreQuotaRequest r, DateTimeOffset now, string? prefix = null)
    {
        var p = prefix is null ? "" : prefix + " ";
        if (r.PrewarmLead > TimeSpan.Zero) yield return new ChartBand(r.PrewarmAt, r.WindowStart, p + "pre-warm", ChartColours.Prewarm);
        yield return new ChartBand(r.WindowStart, r.WindowEnd, p + "T1–T2", ChartColours.Window);
        DateTimeOffset? releasedBy = r.State switch
        {
            RequestState.Released => r.UpdatedAt,
            RequestState.Releasing => now,
            _ => null,
        };
        if (releasedBy is { } end && end > r.WindowEnd) yield return new ChartBand(r.WindowEnd, end, p + "release", ChartColours.Release);
    }

    public static ChartMark Health(HealthHistoryEntry c) => new(c.At,
        $"{c.ZoneLabel} {c.Health}{(string.IsNullOrWhiteSpace(c.Reason) ? "" : ": " + c.Reason)}",
        c.Health switch { ZoneHealth.Down => ChartColours.Down, ZoneHealth.Degraded => ChartColours.Degraded, _ => ChartColours.Healthy });
}
