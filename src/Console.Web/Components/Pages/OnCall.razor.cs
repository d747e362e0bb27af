using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class OnCall
{
    [Inject] private FailoverService Failover { get; set; } = default!;
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private PlanRepository Plans { get; set; } = default!;
    [Inject] private ProvisioningRepository Provisioning { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private HealthForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private IReadOnlyList<InternalZone> _zones = [];
    private IReadOnlyList<MemberZone> _members = [];
    private List<RunningEvent> _running = [];
    private IPageInfo? _runningPageInfo;
    private int _runningPage = 1;

    /// <summary>Running events per page: each row lists its cores per internal zone.</summary>
    internal const int RunningPageSize = 20;
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private FailoverResult? _result;
    // Set when the form would start a failover while another zone is already Down: the next press confirms it.
    private string? _confirmSecond;
    private bool _busy;
    // Requests that had capacity in the zone marked Down, with the cores they had there; the failover
    // job's progress arrives as live updates (latest message per request).
    private List<(RunningEvent Event, int CoresThere)> _failingOver = [];
    private readonly Dictionary<Guid, string> _failoverProgress = [];
    // Vanished-capacity alerts since the page opened, newest first: the newest AlertsShown are kept, the
    // rest only counted (a page left open on a wall screen for days must not grow); each is also audited.
    private readonly List<CapacityVanished> _vanished = [];
    private int _vanishedEarlier;

    /// <summary>Vanished-capacity alerts shown at the top of the page at once.</summary>
    internal const int AlertsShown = 5;

    public sealed class HealthForm
    {
        [Required(ErrorMessage = "Choose the internal zone.")]
        public string? InternalZoneId { get; set; }

        public string? MemberZoneId { get; set; }

        public ZoneHealth Health { get; set; } = ZoneHealth.Degraded;

        [Required(ErrorMessage = "Say why the zone's health changes.")]
        [StringLength(500, MinimumLength = 5, ErrorMessage = "The reason has 5 to 500 characters.")]
        public string? Reason { get; set; }
    }

    /// <summary>
    /// A running request as on-call reads it during a failover: the replacement comes up before the lost
    /// units are released, so cores held in Down zones are counted apart from the usable ones (issue 14:
    /// not "5,868 / 4,800 cores" with a full bar).
    /// </summary>
    internal sealed record RunningEvent(
        CoreQuotaRequest Request, int Delivered, int Planned, IReadOnlyDictionary<string, int> CoresByZone,
        IReadOnlyDictionary<string, int> CoresByMember, int InDownZones)
    {
        public int Usable => Delivered - InDownZones;
        public double UsablePercent => Planned <= 0 ? 0 : Math.Clamp(100.0 * Usable / Planned, 0, 100);
    }

    protected override async Task OnInitializedAsync()
    {
        ResetForm();
        Watch(LiveKeys.All);
        await LoadAsync();
    }

    protected override Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        foreach (var update in updates)
        {
            if (update is CapacityVanished gone) RaiseAlert(gone);
            if (update is RequestProgressed { Message: { } message } p && _failingOver.Any(f => f.Event.Request.Id == p.RequestId))
                _failoverProgress[p.RequestId] = message;
        }
        return updates.Any(u => u is CapacityVanished or ZoneHealthChanged or RequestProgressed or LiveResynced) ? LoadAsync() : Task.CompletedTask;
    }

    private void RaiseAlert(CapacityVanished gone)
    {
        _vanished.Insert(0, gone);
        if (_vanished.Count <= AlertsShown) return;
        _vanished.RemoveAt(AlertsShown);
        _vanishedEarlier++;
    }

    private void Dismiss(CapacityVanished gone) => _vanished.Remove(gone);

    private void DismissEarlier() => _vanishedEarlier = 0;

    private RunningEvent? Current(Guid requestId) => _running.FirstOrDefault(r => r.Request.Id == requestId);

    private async Task LoadAsync()
    {
        var topology = await Topology.GetSnapshotAsync();
        _zones = topology.InternalZones;
        _members = topology.MemberZones;
        // One page of running requests, and their plans and live cores in two queries, not two per request (issue 16).
        var page = await Requests.PageInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing], new PageRequest(_runningPage, RunningPageSize));
        if (page.Items.Count == 0 && _runningPage > 1 && page.Total > 0)
        {
            _runningPage = page.PageCount;
            page = await Requests.PageInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing], new PageRequest(_runningPage, RunningPageSize));
        }
        _runningPageInfo = page;
        var ids = page.Items.Select(r => r.Id).ToList();
        var planned = await Plans.PlannedCoresAsync(ids);
        var zoneOf = topology.MemberZones.ToDictionary(m => m.Id, m => m.InternalZoneId);
        var cores = (await Provisioning.LiveCoresByZoneAsync(ids)).ToLookup(x => x.RequestId);
        var down = DownZones.MemberZoneIds(topology);
        var running = new List<RunningEvent>();
        foreach (var r in page.Items)
        {
            var byZone = cores[r.Id].GroupBy(x => zoneOf.GetValueOrDefault(x.MemberZoneId, x.MemberZoneId))
                .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Cores));
            var byMember = cores[r.Id].GroupBy(x => x.MemberZoneId).ToDictionary(g => g.Key, g => g.Sum(x => x.Cores));
            running.Add(new RunningEvent(r, cores[r.Id].Sum(x => x.Cores), planned.TryGetValue(r.Id, out var p) ? p : r.Cores, byZone, byMember,
                byMember.Where(m => down.Contains(m.Key)).Sum(m => m.Value)));
        }
        _running = running;
        // The names of the services on screen only: the page reloads with every batch of a run, and the catalogue is a platform's.
        _serviceNames = await Services.NamesAsync(page.Items.Concat(_failingOver.Select(f => f.Event.Request)).Select(r => r.ServiceId)
            .Concat(_vanished.Select(v => v.ServiceId)));
    }

    private Task RunningPageAsync(int page)
    {
        _runningPage = page;
        return LoadAsync();
    }

    private IEnumerable<MemberZone> MembersOfZone => _members.Where(m => m.InternalZoneId == _form.InternalZoneId);

    private Task ZoneChanged(string? zone)
    {
        _form.InternalZoneId = zone;
        _form.MemberZoneId = null;
        _edit.NotifyFieldChanged(_edit.Field(nameof(HealthForm.InternalZoneId)));
        return Task.CompletedTask;
    }

    private void ResetForm()
    {
        _form = new HealthForm();
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        _edit.OnFieldChanged += (_, e) =>
        {
            _serverErrors.Clear(e.FieldIdentifier);
            _confirmSecond = null; // a changed form is a new decision
        };
        _confirmSecond = null;
    }

    /// <summary>
    /// A Down press is checked before it reaches the service (issue 14's bad input): marking Down what is
    /// already Down is refused with a message, and a failover while another zone is already Down asks first.
    /// </summary>
    private bool MayApply()
    {
        if (_form.Health != ZoneHealth.Down) return true;
        var target = _form.MemberZoneId is { } memberId
            ? _members.FirstOrDefault(m => m.Id == memberId)?.Health
            : _zones.FirstOrDefault(z => z.Id == _form.InternalZoneId)?.Health;
        if (target == ZoneHealth.Down)
        {
            _serverErrors.Add(_edit.Field(nameof(HealthForm.Health)),
                $"{_form.MemberZoneId ?? _form.InternalZoneId} is already Down; its failover is running. Nothing was changed.");
            _edit.NotifyValidationStateChanged();
            return false;
        }
        var otherDown = _zones.Where(z => z.Health == ZoneHealth.Down).Select(z => z.Id)
            .Concat(_members.Where(m => m.Health == ZoneHealth.Down && !m.HealthFromInternalZone).Select(m => m.Id))
            .ToList();
        if (otherDown.Count == 0 || _confirmSecond is not null) return true;
        _confirmSecond = string.Join(", ", otherDown);
        return false;
    }

    private async Task ApplyAsync()
    {
        _serverErrors.Clear();
        if (!MayApply()) return;
        _busy = true;
        try
        {
            var actor = await User.GetActorAsync();
            var zoneIds = _form.MemberZoneId is { } member ? [member] : _members.Where(m => m.InternalZoneId == _form.InternalZoneId).Select(m => m.Id).ToHashSet();
            var before = _running;
            _result = await Failover.SetHealthAsync(_form.InternalZoneId!, _form.MemberZoneId, _form.Health, _form.Reason!, actor);
            Snackbar.Add($"{_result.MemberZoneId ?? _result.InternalZoneId} is now {Humanize.Enum(_result.Health)}.", _result.Health == ZoneHealth.Healthy ? Severity.Success : Severity.Warning);
            _failoverProgress.Clear();
            _failingOver = _result.FailoverScheduled
                ? before.Select(r => (r, r.CoresByMember.Where(z => zoneIds.Contains(z.Key)).Sum(z => z.Value))).Where(f => f.Item2 > 0).ToList()
                : [];
            // The form starts over after an action (issue 14): no armed red "Mark Down" left behind.
            ResetForm();
            await LoadAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors)) { }
        finally { _busy = false; }
    }
}
