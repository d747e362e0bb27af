using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// On-call's emergency burst (brief §2): fill in, preview the plan, cost and lead time, then confirm.
/// Confirming is possible only for the inputs last previewed, so nobody starts a burst they have not seen.
/// </summary>
public partial class EmergencyBurstCard
{
    [Inject] private EmergencyBurst Bursts { get; set; } = default!;
    [Inject] private LeadTimeEstimator LeadTimes { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private BudgetRepository Budgets { get; set; } = default!;
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly EmergencyBurstForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private Actor? _actor;
    private Service? _service;
    private IReadOnlyList<Budget> _budgets = [];
    private IReadOnlyList<Region> _regions = [];
    private IReadOnlyList<InternalZone> _zones = [];
    private Plan? _plan;
    private LeadTimeEstimate? _leadTime;
    private EmergencyBurstInput? _previewed;
    private CoreQuotaRequest? _started;
    private bool _busy;

    private bool MayBurst => _actor is { } a && (a.Has(Role.OnCall) || a.Has(Role.Admin));

    private IEnumerable<Budget> ChargeableBudgets => _service is { } s
        ? _budgets.Where(b => string.Equals(b.CostCenter, s.CostCenter, StringComparison.OrdinalIgnoreCase))
        : [];

    private IEnumerable<InternalZone> ZonesOfRegion => _zones.Where(z => z.RegionId == _form.RegionId);

    /// <summary>The preview shown is for exactly what the form holds now (records compare by value; zones by content).</summary>
    private bool PreviewIsCurrent => _previewed is { } p && _plan is not null &&
        p with { InternalZoneIds = [] } == _form.ToInput() with { InternalZoneIds = [] } &&
        (p.InternalZoneIds ?? []).SequenceEqual(_form.InternalZoneIds);

    protected override async Task OnInitializedAsync()
    {
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        _edit.OnFieldChanged += (_, e) => _serverErrors.Clear(e.FieldIdentifier);
        _actor = await User.GetActorAsync();
        if (!MayBurst) return;
        _budgets = await Budgets.ListChargeableAsync(Clock.GetUtcNow());
        var topology = await Topology.GetSnapshotAsync();
        (_regions, _zones) = (topology.Regions, topology.InternalZones);
    }

    private async Task ServiceChanged(string? id)
    {
        _form.ServiceId = id;
        _service = id is null ? null : await Services.FindAsync(id);
        if (_form.BudgetId is { } b && ChargeableBudgets.All(x => x.Id != b)) _form.BudgetId = null;
        if (_form.BudgetId is null && ChargeableBudgets.Count() == 1) _form.BudgetId = ChargeableBudgets.First().Id;
        _edit.NotifyFieldChanged(_edit.Field(nameof(EmergencyBurstForm.ServiceId)));
    }

    private void RegionChanged(string? id)
    {
        _form.RegionId = id;
        _form.InternalZoneIds = [];
        _edit.NotifyFieldChanged(_edit.Field(nameof(EmergencyBurstForm.RegionId)));
    }

    private async Task PreviewAsync()
    {
        _serverErrors.Clear();
        _started = null;
        var input = _form.ToInput();
        await RunAsync(async () =>
        {
            var plan = await Bursts.PreviewAsync(input, _actor!);
            (_plan, _leadTime, _previewed) = (plan, await LeadTimes.EstimateAsync(plan, TimeSpan.Zero), input);
        });
    }

    private async Task StartAsync()
    {
        if (!PreviewIsCurrent || !_edit.Validate()) return;
        await RunAsync(async () =>
        {
            _started = await Bursts.StartAsync(_previewed!, _actor!);
            (_plan, _leadTime, _previewed) = (null, null, null);
            Snackbar.Add($"Emergency burst started: {_started.Cores:N0} cores, pre-warm now.", Severity.Success);
        });
    }

    private async Task RunAsync(Func<Task> work)
    {
        _busy = true;
        try { await work(); }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors, EmergencyBurstForm.DomainFields)) { }
        finally { _busy = false; }
    }
}
