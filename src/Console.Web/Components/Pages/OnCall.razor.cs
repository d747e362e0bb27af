using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
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

    private readonly HealthForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private IReadOnlyList<InternalZone> _zones = [];
    private IReadOnlyList<MemberZone> _members = [];
    private List<RunningEvent> _running = [];
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private FailoverResult? _result;
    private bool _busy;

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

    internal sealed record RunningEvent(CoreQuotaRequest Request, int Delivered, int Planned, IReadOnlyDictionary<string, int> CoresByZone);

    protected override async Task OnInitializedAsync()
    {
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        _edit.OnFieldChanged += (_, e) => _serverErrors.Clear(e.FieldIdentifier);
        Watch(LiveKeys.All);
        await LoadAsync();
    }

    protected override Task OnLiveUpdateAsync(LiveUpdate update) =>
        update is ZoneHealthChanged or RequestProgressed or LiveResynced ? LoadAsync() : Task.CompletedTask;

    private async Task LoadAsync()
    {
        var topology = await Topology.GetSnapshotAsync();
        _zones = topology.InternalZones;
        _members = topology.MemberZones;
        _serviceNames = (await Services.ListAsync()).ToDictionary(s => s.Id, s => s.Name);
        var running = new List<RunningEvent>();
        foreach (var r in await Requests.ListInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing]))
        {
            var plan = await Plans.GetCurrentAsync(r.Id);
            var live = (await Provisioning.ListResourcesAsync(r.Id)).Where(x => x.State != ResourceState.Released).ToList();
            var zoneOf = topology.MemberZones.ToDictionary(m => m.Id, m => m.InternalZoneId);
            var byZone = live.GroupBy(x => zoneOf.GetValueOrDefault(x.MemberZoneId, x.MemberZoneId))
                .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Cores));
            running.Add(new RunningEvent(r, live.Sum(x => x.Cores), plan?.PlannedCores ?? r.Cores, byZone));
        }
        _running = running;
    }

    private IEnumerable<MemberZone> MembersOfZone => _members.Where(m => m.InternalZoneId == _form.InternalZoneId);

    private Task ZoneChanged(string? zone)
    {
        _form.InternalZoneId = zone;
        _form.MemberZoneId = null;
        _edit.NotifyFieldChanged(_edit.Field(nameof(HealthForm.InternalZoneId)));
        return Task.CompletedTask;
    }

    private async Task ApplyAsync()
    {
        _serverErrors.Clear();
        _busy = true;
        try
        {
            var actor = await User.GetActorAsync();
            _result = await Failover.SetHealthAsync(_form.InternalZoneId!, _form.MemberZoneId, _form.Health, _form.Reason!, actor);
            Snackbar.Add($"{_result.MemberZoneId ?? _result.InternalZoneId} is now {_result.Health}.", _result.Health == ZoneHealth.Healthy ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors)) { }
        finally { _busy = false; }
    }
}
