using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class LiveCapacity
{
    [Inject] private CapacitySampleRepository Samples { get; set; } = default!;
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private ZoneHealthHistory HealthHistory { get; set; } = default!;
    [Inject] private EventWindowQuery EventWindows { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    internal static readonly (string Label, TimeSpan Span)[] Windows =
    [
        ("15 min", TimeSpan.FromMinutes(15)), ("1 h", TimeSpan.FromHours(1)), ("6 h", TimeSpan.FromHours(6)),
        ("24 h", TimeSpan.FromHours(24)), ("7 d", TimeSpan.FromDays(7)),
    ];

    private IReadOnlyList<Region> _regions = [];
    private IReadOnlyList<InternalZone> _zones = [];
    private string? _region;
    private TimeSpan _window = TimeSpan.FromHours(1);
    private bool _totals;
    private DateTimeOffset _now;
    private IReadOnlyList<CapacitySample>? _samples;
    private IReadOnlyList<HealthHistoryEntry> _health = [];
    private IReadOnlyList<CoreQuotaRequest> _events = [];
    private ILookup<string, CapacitySample> _byZone = Enumerable.Empty<CapacitySample>().ToLookup(s => s.InternalZoneId);
    private readonly Dictionary<string, TimeChartModel> _charts = [];

    internal readonly record struct LatestCapacity(int IdcAllocated, int IdcTotal, int CloudAllocated, int CloudTotal);

    protected override async Task OnInitializedAsync()
    {
        Watch(LiveKeys.All);
        var topology = await Topology.GetSnapshotAsync();
        _regions = topology.Regions;
        _zones = topology.InternalZones;
        _region = _regions.FirstOrDefault()?.Id;
        await LoadAsync();
    }

    protected override async Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        if (updates.Any(u => u is ZoneHealthChanged or LiveResynced)) _zones = (await Topology.GetSnapshotAsync()).InternalZones;
        // Not on every request's progress (an order publishes one per batch): events' bands follow with the next sample, within a minute.
        if (updates.Any(u => u is CapacitySampled or ZoneHealthChanged or LiveResynced)) await LoadAsync();
    }

    private async Task RegionChanged(string region) { _region = region; await LoadAsync(); }
    private async Task WindowChanged(TimeSpan window) { _window = window; await LoadAsync(); }
    private void TotalsChanged(bool totals) { _totals = totals; Rebuild(); }

    private async Task LoadAsync()
    {
        // The axis is the chosen window ending now, whatever the samples cover.
        _now = Clock.GetUtcNow();
        var from = _now - _window;
        _samples = await Samples.ListAsync(from, _now.AddSeconds(1));
        _byZone = _samples.ToLookup(s => s.InternalZoneId);
        _health = await HealthHistory.ListAsync(from, _now);
        _events = _region is null ? [] : await EventWindows.ListAsync(_region, from, _now);
        Rebuild();
    }

    private void Rebuild()
    {
        _charts.Clear();
        foreach (var zone in _zones)
            _charts[zone.Id] = Build(zone.Id, _byZone[zone.Id], _health, _events, _now - _window, _now, _totals);
    }

    private TimeChartModel Chart(string zoneId) => _charts.GetValueOrDefault(zoneId) ?? new TimeChartModel(_now - _window, _now, []);

    /// <summary>
    /// One zone's chart: allocated and used per provider (totals on demand), the zone's and its member
    /// zones' health changes as marks, and the windows of the events that run in the zone as bands.
    /// </summary>
    public static TimeChartModel Build(string zoneId, IEnumerable<CapacitySample> samples, IEnumerable<HealthHistoryEntry> health,
        IEnumerable<CoreQuotaRequest> events, DateTimeOffset from, DateTimeOffset now, bool totals)
    {
        var list = samples.OrderBy(s => s.At).ToList();
        ChartLine Line(string name, string colour, ProviderKind provider, Func<CapacitySample, int> value, bool dashed = false) =>
            new(name, colour, list.Where(s => s.Provider == provider).Select(s => new ChartPoint(s.At, value(s))).ToArray(), Dashed: dashed);
        var lines = new List<ChartLine>
        {
            Line("IDC allocated", ChartColours.Idc, ProviderKind.Idc, s => s.AllocatedCores),
            Line("IDC used", ChartColours.IdcUsed, ProviderKind.Idc, s => s.UsedCores, dashed: true),
            Line("Cloud allocated", ChartColours.Cloud, ProviderKind.AlibabaCloud, s => s.AllocatedCores),
            Line("Cloud used", ChartColours.CloudUsed, ProviderKind.AlibabaCloud, s => s.UsedCores, dashed: true),
        };
        if (totals)
        {
            lines.Add(Line("IDC total", ChartColours.Total, ProviderKind.Idc, s => s.TotalCores, dashed: true));
            lines.Add(Line("Cloud total", ChartColours.Total, ProviderKind.AlibabaCloud, s => s.TotalCores));
        }
        var marks = health.Where(h => h.InternalZoneId == zoneId).Select(ChartAnnotations.Health).ToList();
        var inZone = events.Where(e => e.InternalZoneIds.Count == 0 || e.InternalZoneIds.Contains(zoneId)).ToList();
        // With one event the bands say "pre-warm", "T1–T2"; with several each names its service.
        var bands = inZone.SelectMany(e => ChartAnnotations.EventBands(e, now, inZone.Count > 1 ? e.ServiceId : null)).ToList();
        return new TimeChartModel(from, now, lines, marks, bands, now);
    }

    private LatestCapacity Latest(string zoneId)
    {
        var samples = _byZone[zoneId].ToList();
        CapacitySample? Last(ProviderKind p) => samples.Where(s => s.Provider == p).MaxBy(s => s.At);
        return new LatestCapacity(Last(ProviderKind.Idc)?.AllocatedCores ?? 0, Last(ProviderKind.Idc)?.TotalCores ?? 0,
            Last(ProviderKind.AlibabaCloud)?.AllocatedCores ?? 0, Last(ProviderKind.AlibabaCloud)?.TotalCores ?? 0);
    }

    internal static string Label(TimeSpan window) => Windows.FirstOrDefault(w => w.Span == window).Label ?? window.ToString();
}
