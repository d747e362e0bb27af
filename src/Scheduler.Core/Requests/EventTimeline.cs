using System.Text.Json;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Requests;

/// <summary>A value from a moment on, until the next point of its series.</summary>
public readonly record struct TimelinePoint(DateTimeOffset At, decimal Value);

/// <summary>A step in the request's life (approved, provisioning started, active, re-planned, released).</summary>
public sealed record TimelineMilestone(DateTimeOffset At, string Label);

/// <summary>
/// One event on one time axis (brief §9): capacity held and running against planned, cost accrued
/// against committed, the lifecycle's steps and the health changes of the zones it runs in.
/// </summary>
public sealed record EventTimeline(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Now,
    RequestState State,
    DateTimeOffset PrewarmAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset? ReleasedBy,
    int RequestedCores,
    int? PlannedCores,
    IReadOnlyList<TimelinePoint> HeldCores,
    IReadOnlyList<TimelinePoint> RunningCores,
    IReadOnlyList<TimelinePoint> Committed,
    IReadOnlyList<TimelinePoint> Accrued,
    IReadOnlyList<TimelineMilestone> Milestones,
    IReadOnlyList<HealthHistoryEntry> HealthChanges)
{
    /// <summary>How many points an accrual curve gets: a smooth line without one point per resource.</summary>
    public const int AccrualPoints = 120;

    /// <summary>
    /// The axis: a little before pre-warm to a little after the window, stretched to the last release
    /// and, while the event is not over, to now.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Axis(CoreQuotaRequest r, DateTimeOffset? lastRelease, DateTimeOffset now)
    {
        var end = r.WindowEnd;
        if (lastRelease is { } released && released > end) end = released;
        if (!IsOver(r.State) && now > end) end = now;
        var pad = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, (end - r.PrewarmAt).Ticks / 20));
        return (r.PrewarmAt - pad, end + pad);
    }

    public static bool IsOver(RequestState state) => state is RequestState.Released or RequestState.Cancelled or RequestState.Rejected
        or RequestState.Failed;

    /// <summary>
    /// Cores held (created, not yet released) or, with <paramref name="running"/>, booted and not yet
    /// released, as a step series: one point per change, and the value now at the end.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> Cores(IEnumerable<Resource> resources, DateTimeOffset now, bool running = false)
    {
        var changes = new SortedDictionary<DateTimeOffset, int>();
        foreach (var r in resources)
        {
            DateTimeOffset? start = running ? r.RunningAt : r.CreatedAt;
            if (start is not { } s || s > now) continue;
            changes[s] = changes.GetValueOrDefault(s) + r.Cores;
            if (r.ReleasedAt is { } e && e <= now) changes[e] = changes.GetValueOrDefault(e) - r.Cores;
        }
        var points = new List<TimelinePoint>();
        var level = 0;
        foreach (var (at, delta) in changes)
        {
            level += delta;
            points.Add(new TimelinePoint(at, level));
        }
        if (points.Count > 0) points.Add(new TimelinePoint(now, level));
        return points;
    }

    /// <summary>
    /// Spend accrued so far, by the same rule as <see cref="Accrual.SpendMeter"/> (from creation, at the
    /// bought price), sampled evenly from the first resource to now.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> Accrual(IReadOnlyList<Resource> resources, DateTimeOffset now)
    {
        if (resources.Count == 0) return [];
        var first = resources.Min(r => r.CreatedAt);
        if (first >= now) return [];
        var step = (now - first) / (AccrualPoints - 1);
        return Enumerable.Range(0, AccrualPoints)
            .Select(i => i == AccrualPoints - 1 ? now : first + step * i)
            .Select(t => new TimelinePoint(t, global::CapacityConsole.Scheduler.Accrual.SpendMeter.Spend(resources.Where(r => r.CreatedAt <= t).Select(r => AsOf(r, t)), t)))
            .ToList();
    }

    private static Resource AsOf(Resource r, DateTimeOffset t) => r.ReleasedAt is { } e && e > t ? r with { ReleasedAt = null } : r;

    /// <summary>The commitment after each audited change that carries one (approval, re-plans, settling), held until the next.</summary>
    public static IReadOnlyList<TimelinePoint> Commitments(IEnumerable<AuditEvent> trail, decimal committedNow, DateTimeOffset now)
    {
        var points = new List<TimelinePoint>();
        foreach (var e in trail)
        {
            if (e.After is null) continue;
            using var doc = JsonDocument.Parse(e.After);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("CommittedAmount", out var v)
                && v.TryGetDecimal(out var amount))
                points.Add(new TimelinePoint(e.At, amount));
        }
        if (points.Count == 0 && committedNow == 0) return [];
        points.Add(new TimelinePoint(now, committedNow));
        return points;
    }

    /// <summary>Lifecycle steps from the trail, named as a reader says them.</summary>
    public static IReadOnlyList<TimelineMilestone> MilestonesOf(IEnumerable<AuditEvent> trail) => trail
        .Where(e => e.Action is "Approve" or "Emergency burst" or "Start provisioning" or "Activate" or "Start release" or "Complete release" or "Fail"
            || e.Action.Contains("fail", StringComparison.OrdinalIgnoreCase) || e.Action.Contains("plan", StringComparison.OrdinalIgnoreCase))
        .Select(e => new TimelineMilestone(e.At, e.Action switch
        {
            "Approve" => "approved",
            "Start provisioning" => "provisioning started",
            "Activate" => "active",
            "Start release" => "release started",
            "Complete release" => "released",
            _ => e.Action.ToLowerInvariant(),
        }))
        .ToList();
}
