using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class Dashboard
{
    [Inject] private ZoneOverviewQuery Query { get; set; } = default!;
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private CapacitySampleRepository Samples { get; set; } = default!;
    [Inject] private ZoneGlanceQuery Glance { get; set; } = default!;

    private ZoneOverview? _overview;
    private DashboardGlance _glance = DashboardGlance.Empty;
    private IReadOnlyList<CoreQuotaRequest> _active = [];
    private long _activeTotal;
    private IReadOnlyList<CoreQuotaRequest> _upcoming = [];
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private DateTimeOffset? _loadedAt;
    private IReadOnlyDictionary<string, IReadOnlyDictionary<ProviderKind, int>> _used = new Dictionary<string, IReadOnlyDictionary<ProviderKind, int>>();
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        Watch(LiveKeys.All);
        await LoadAsync();
    }

    /// <summary>
    /// Each kind of update reloads only what it changes (issue 16: the zone overview was re-read from
    /// every resource on every update): capacity samples are applied as they are; a health change or a
    /// stock refresh re-reads only the zones (their overview and glance), from one read shared by every
    /// dashboard that received it (issue 15: 500 open dashboards each re-read everything on every
    /// change, and the console fell seconds behind); request progress re-reads the short request lists
    /// and an overview shared by all viewers for <see cref="OverviewReuse"/>, or a fresh one when a
    /// zone changed in the same burst. A resync re-reads everything.
    /// </summary>
    protected override async Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        foreach (var sampled in updates.OfType<CapacitySampled>()) ApplySample(sampled.Sample);
        // The stock a refresh stored also turns "stock not read yet" after start-up into figures.
        var zonesChanged = updates.Any(u => u is ZoneHealthChanged or StockRefreshed or LiveResynced);
        if (updates.Any(u => u is RequestProgressed or LiveResynced))
            await LoadAsync(zonesChanged ? Query.GetReadAfterAsync(LiveUpdateReceivedAt) : Query.GetRecentAsync(OverviewReuse));
        else if (zonesChanged)
            await LoadZonesAsync(Query.GetReadAfterAsync(LiveUpdateReceivedAt));
    }

    /// <summary>How long live refreshes share one zone overview: a provisioning order publishes an update per batch.</summary>
    internal static readonly TimeSpan OverviewReuse = TimeSpan.FromSeconds(2);

    /// <summary>Shown on the dashboard's request lists; the Requests page has them all.</summary>
    internal const int GlanceRows = 8;

    private void ApplySample(CapacitySample sample)
    {
        var used = _used.ToDictionary(z => z.Key, z => z.Value.ToDictionary(p => p.Key, p => p.Value));
        if (!used.TryGetValue(sample.InternalZoneId, out var byProvider)) used[sample.InternalZoneId] = byProvider = [];
        byProvider[sample.Provider] = sample.UsedCores;
        _used = used.ToDictionary(z => z.Key, z => (IReadOnlyDictionary<ProviderKind, int>)z.Value);
    }

    private Task LoadAsync() => LoadAsync(Query.GetAsync());

    private async Task LoadZonesAsync(Task<ZoneOverview> overview)
    {
        if (_error is not null) { await LoadAsync(); return; } // after a failed load everything is re-read
        try
        {
            var read = await overview;
            _glance = await Glance.GetAsync(read);
            _overview = read;
            _error = null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            _error = e.Message;
        }
    }

    private async Task LoadAsync(Task<ZoneOverview> overview)
    {
        try
        {
            _overview = await overview;
            _glance = await Glance.GetAsync(_overview);
            var active = await Requests.PageInStatesAsync(
                [RequestState.Provisioning, RequestState.Active, RequestState.Releasing], PageRequest.First(GlanceRows));
            _active = active.Items;
            _activeTotal = active.Total;
            _upcoming = (await Requests.PageInStatesAsync(
                [RequestState.Submitted, RequestState.Approved, RequestState.Scheduled], PageRequest.First(GlanceRows))).Items;
            _serviceNames = await Services.NamesAsync(_active.Concat(_upcoming).Select(r => r.ServiceId));
            _loadedAt = Clock.GetUtcNow();
            _used = LatestUsed(await Samples.ListAsync(_loadedAt.Value - SampleFreshness, _loadedAt.Value.AddSeconds(1)));
            _error = null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // A database outage is shown, not swallowed; other failures are bugs and reach the error UI.
            _error = e.Message;
        }
    }

    /// <summary>The sampler runs every minute; a sample older than this says nothing about now.</summary>
    private static readonly TimeSpan SampleFreshness = TimeSpan.FromMinutes(5);

    internal static IReadOnlyDictionary<string, IReadOnlyDictionary<ProviderKind, int>> LatestUsed(IEnumerable<CapacitySample> samples) =>
        samples.GroupBy(s => s.InternalZoneId).ToDictionary(
            z => z.Key,
            z => (IReadOnlyDictionary<ProviderKind, int>)z.GroupBy(s => s.Provider).ToDictionary(p => p.Key, p => p.MaxBy(s => s.At)!.UsedCores));

    private IEnumerable<InternalZoneOverview> Zones => _overview?.Regions.SelectMany(r => r.Zones) ?? [];
    private int AllZones => Zones.Count();
    private int UnhealthyZones => Zones.Count(z => z.Zone.Health != ZoneHealth.Healthy);
}
