using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Charts;

namespace CapacityConsole.Web.Components.Pages;

public partial class LiveCapacity
{
    [Inject] private CapacitySampleRepository Samples { get; set; } = default!;
    [Inject] private TopologyRepository Topology { get; set; } = default!;
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
    private IReadOnlyList<CapacitySample>? _samples;
    private ILookup<string, CapacitySample> _byZone = Enumerable.Empty<CapacitySample>().ToLookup(s => s.InternalZoneId);
    private readonly Dictionary<string, List<ChartSeries<double>>> _series = [];
    private TimeSeriesChartOptions _options = new();

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

    protected override async Task OnLiveUpdateAsync(LiveUpdate update)
    {
        if (update is CapacitySampled or LiveResynced) await LoadAsync();
        if (update is ZoneHealthChanged or LiveResynced) _zones = (await Topology.GetSnapshotAsync()).InternalZones;
    }

    private async Task RegionChanged(string region) { _region = region; await LoadAsync(); }
    private async Task WindowChanged(TimeSpan window) { _window = window; await LoadAsync(); }
    private void TotalsChanged(bool totals) { _totals = totals; Rebuild(); }

    private async Task LoadAsync()
    {
        var now = Clock.GetUtcNow();
        _samples = await Samples.ListAsync(now - _window, now.AddSeconds(1));
        _byZone = _samples.ToLookup(s => s.InternalZoneId);
        // Markers make a short series visible (a line needs two points); a long one draws cleaner without.
        var points = _samples.GroupBy(x => (x.InternalZoneId, x.Provider)).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        _options = Options(_window, showMarkers: points < 40);
        Rebuild();
    }

    private void Rebuild()
    {
        _series.Clear();
        foreach (var zone in _byZone)
            _series[zone.Key] = Build(zone, _totals);
    }

    private List<ChartSeries<double>> Series(string zoneId) => _series.GetValueOrDefault(zoneId) ?? [];

    internal static List<ChartSeries<double>> Build(IEnumerable<CapacitySample> samples, bool totals)
    {
        var list = samples.ToList();
        ChartSeries<double> Line(string name, ProviderKind provider, Func<CapacitySample, int> value) => new()
        {
            Name = name,
            Data = list.Where(s => s.Provider == provider).Select(s => new TimeValue<double>(s.At.UtcDateTime, value(s))).ToArray(),
        };
        var series = new List<ChartSeries<double>>
        {
            Line("IDC allocated", ProviderKind.Idc, s => s.AllocatedCores),
            Line("IDC used", ProviderKind.Idc, s => s.UsedCores),
            Line("Cloud allocated", ProviderKind.AlibabaCloud, s => s.AllocatedCores),
            Line("Cloud used", ProviderKind.AlibabaCloud, s => s.UsedCores),
        };
        if (totals)
        {
            series.Add(Line("IDC total", ProviderKind.Idc, s => s.TotalCores));
            series.Add(Line("Cloud total", ProviderKind.AlibabaCloud, s => s.TotalCores));
        }
        return series;
    }

    private LatestCapacity Latest(string zoneId)
    {
        var samples = _byZone[zoneId].ToList();
        CapacitySample? Last(ProviderKind p) => samples.LastOrDefault(s => s.Provider == p);
        return new LatestCapacity(Last(ProviderKind.Idc)?.AllocatedCores ?? 0, Last(ProviderKind.Idc)?.TotalCores ?? 0,
            Last(ProviderKind.AlibabaCloud)?.AllocatedCores ?? 0, Last(ProviderKind.AlibabaCloud)?.TotalCores ?? 0);
    }

    private static TimeSeriesChartOptions Options(TimeSpan window, bool showMarkers) => new()
    {
        YAxisRequireZeroPoint = true,
        LineStrokeWidth = 2,
        ShowDataMarkers = showMarkers,
        TimeLabelSpacing = window <= TimeSpan.FromMinutes(15) ? TimeSpan.FromMinutes(3)
            : window <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(10)
            : window <= TimeSpan.FromHours(6) ? TimeSpan.FromHours(1)
            : window <= TimeSpan.FromHours(24) ? TimeSpan.FromHours(4)
            : TimeSpan.FromDays(1),
        TimeLabelFormat = window <= TimeSpan.FromHours(24) ? "HH:mm" : "MM-dd",
        TooltipTimeLabelFormat = "yyyy-MM-dd HH:mm 'UTC'",
        YAxisTitle = "cores",
    };

    internal static string Label(TimeSpan window) => Windows.FirstOrDefault(w => w.Span == window).Label ?? window.ToString();
}
