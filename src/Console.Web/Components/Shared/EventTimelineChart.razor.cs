using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// One event's capacity, cost, provisioning progress and health on one time axis (brief §9). The
/// numbers come from <see cref="EventTimelineQuery"/>; this only turns them into lines and marks,
/// and redraws on the event's progress, any zone health change and, while it runs, every sample
/// (spend accrues with time even when nothing else happens).
/// </summary>
public partial class EventTimelineChart
{
    [Inject] private EventTimelineQuery Query { get; set; } = default!;

    [Parameter, EditorRequired] public Guid RequestId { get; set; }

    private TimeChartModel? _chart;
    private EventTimeline? _timeline;
    private Guid _watching;

    protected override async Task OnParametersSetAsync()
    {
        if (_watching != RequestId)
        {
            WatchOnly(LiveKeys.All);
            _watching = RequestId;
        }
        await LoadAsync();
    }

    protected override Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates) =>
        updates.Any(update => update switch
        {
            RequestProgressed p => p.RequestId == RequestId,
            ZoneHealthChanged or LiveResynced => true,
            CapacitySampled => _timeline is { } t && !EventTimeline.IsOver(t.State),
            _ => false,
        }) ? LoadAsync() : Task.CompletedTask;

    private async Task LoadAsync()
    {
        var timeline = await Query.GetAsync(RequestId);
        _timeline = timeline;
        _chart = Chart(timeline);
    }

    public static TimeChartModel Chart(EventTimeline t)
    {
        var lines = new List<ChartLine>();
        if (t.PlannedCores is { } planned)
        {
            // The plan's cores are wanted from pre-warm to the window's end; zero outside.
            lines.Add(new ChartLine("Planned", ChartColours.Planned,
                [new(t.From, 0), new(t.PrewarmAt, planned), new(t.WindowEnd, 0), new(t.To, 0)], Stepped: true, Dashed: true));
        }
        if (t.PlannedCores != t.RequestedCores)
            lines.Add(new ChartLine("Requested", ChartColours.Total,
                [new(t.From, 0), new(t.PrewarmAt, t.RequestedCores), new(t.WindowEnd, 0), new(t.To, 0)], Stepped: true, Dashed: true));
        lines.Add(new ChartLine("Held", ChartColours.Held, Points(t.HeldCores), Stepped: true));
        lines.Add(new ChartLine("Running", ChartColours.Cloud, Points(t.RunningCores), Stepped: true));
        lines.Add(new ChartLine("Committed", ChartColours.Committed, Points(t.Committed), ChartUnit.Cny, Stepped: true));
        lines.Add(new ChartLine("Accrued", ChartColours.Actual, Points(t.Accrued), ChartUnit.Cny));

        var bands = new List<ChartBand>();
        if (t.WindowStart > t.PrewarmAt) bands.Add(new ChartBand(t.PrewarmAt, t.WindowStart, "pre-warm", ChartColours.Prewarm));
        bands.Add(new ChartBand(t.WindowStart, t.WindowEnd, "T1–T2", ChartColours.Window));
        var releaseEnd = t.ReleasedBy ?? (t.State == RequestState.Releasing ? t.Now : (DateTimeOffset?)null);
        if (releaseEnd is { } end && end > t.WindowEnd) bands.Add(new ChartBand(t.WindowEnd, end, "release", ChartColours.Release));

        var marks = t.Milestones.Select(m => new ChartMark(m.At, m.Label, ChartColours.Batch))
            .Concat(t.HealthChanges.Select(ChartAnnotations.Health)).ToList();
        return new TimeChartModel(t.From, t.To, lines, marks, bands, t.Now);
    }

    private static ChartPoint[] Points(IEnumerable<TimelinePoint> points) => points.Select(p => new ChartPoint(p.At, p.Value)).ToArray();
}
