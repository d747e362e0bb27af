using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
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

public partial class NewRequest : IDisposable
{
    [Inject] private RequestService RequestService { get; set; } = default!;
    [Inject] private LeadTimeEstimator LeadTimes { get; set; } = default!;
    [Inject] private ServiceRepository ServiceRepository { get; set; } = default!;
    [Inject] private BudgetRepository BudgetRepository { get; set; } = default!;
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly RequestForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private Actor _actor = default!;
    private string? _team;
    private long? _ownServices;
    private string? _ownerTeam;
    private Service? _service;
    private IReadOnlyList<Budget> _budgets = [];
    private IReadOnlyList<Region> _regions = [];
    private IReadOnlyList<InternalZone> _zones = [];
    private bool _busy;

    private Plan? _preview;
    private LeadTimeEstimate? _leadTime;
    private DateTimeOffset _previewStart;
    private string? _previewMessage;
    private bool _previewing;
    private CancellationTokenSource? _previewCts;
    private int _previewVersion;

    private readonly List<BreadcrumbItem> _crumbs = [new("Requests", "/requests"), new("New", null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        _form.Now = Clock.GetUtcNow;
        var start = Clock.GetUtcNow().UtcDateTime;
        start = start.Date.AddHours(start.Hour + 2);
        _form.WindowStart = start.ToString(RequestForm.TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
        _form.WindowEnd = start.AddHours(4).ToString(RequestForm.TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        _edit.OnFieldChanged += (_, e) =>
        {
            _serverErrors.Clear(e.FieldIdentifier);
            _ = PreviewAsync();
        };

        _actor = await User.GetActorAsync();
        _team = _actor.Team;
        // Admins file for any service, service owners for their team's (Actor.OwnsServiceOf).
        _ownerTeam = _actor.Has(Role.Admin) ? null : _actor.Team;
        var own = _actor.Has(Role.Admin) || _team is not null ? await ServiceRepository.PageAsync(null, PageRequest.First(2), _ownerTeam) : null;
        _ownServices = own?.Total ?? 0;
        _budgets = await BudgetRepository.ListChargeableAsync(Clock.GetUtcNow());
        var topology = await Topology.GetSnapshotAsync();
        _regions = topology.Regions;
        _zones = topology.InternalZones;
        if (own is { Total: 1 }) await ServiceChanged(own.Items[0].Id);
        if (_regions.Count == 1) await RegionChanged(_regions[0].Id);
    }

    private Budget? SelectedBudget => _budgets.FirstOrDefault(b => b.Id == _form.BudgetId);

    private IEnumerable<Budget> ChargeableBudgets => _service is { } s
        ? _budgets.Where(b => string.Equals(b.CostCenter, s.CostCenter, StringComparison.OrdinalIgnoreCase))
        : [];

    private IEnumerable<InternalZone> ZonesOfRegion => _zones.Where(z => z.RegionId == _form.RegionId &&
        (_service is not { AllowedInternalZoneIds.Count: > 0 } s || s.AllowedInternalZoneIds.Contains(z.Id)));

    private string PrewarmHelp => _form.PrewarmLeadMinutes is { } m && m >= 0 ? $"Capacity starts coming up {m} min before the window." : "How long before the window to start.";

    // Tense from the clock (issue 14): a pre-warm time already passed is not "starts at".
    private string PrewarmSentence => _form.PrewarmLeadMinutes is { } m
        ? _previewStart.AddMinutes(-m) is var at && at <= Clock.GetUtcNow()
            ? $"Pre-warm would start at once (its time, {Format.Time(at)}, has passed)"
            : $"Pre-warm starts {Format.Time(at)}"
        : "Pre-warm starts —";

    // The shortfall the owner confirmed submitting; a preview that gets shorter asks again.
    private int? _confirmedShortfall;
    private string? _shortfallError;

    private bool ShortfallConfirmed => _preview is { } p && _confirmedShortfall is { } c && p.ShortfallCores <= c;

    private Task ConfirmShortfallAsync(bool confirmed)
    {
        _confirmedShortfall = confirmed ? _preview?.ShortfallCores : null;
        _shortfallError = null;
        return Task.CompletedTask;
    }

    private async Task ServiceChanged(string? id)
    {
        _form.ServiceId = id;
        _service = id is null ? null : await ServiceRepository.FindAsync(id);
        // A budget of another cost center can no longer be charged.
        if (SelectedBudget is { } b && !ChargeableBudgets.Contains(b)) _form.BudgetId = null;
        if (_form.BudgetId is null && ChargeableBudgets.Count() == 1) _form.BudgetId = ChargeableBudgets.First().Id;
        _edit.NotifyFieldChanged(_edit.Field(nameof(RequestForm.ServiceId)));
    }

    private Task RegionChanged(string? id)
    {
        _form.RegionId = id;
        _form.InternalZoneIds = [];
        _edit.NotifyFieldChanged(_edit.Field(nameof(RequestForm.RegionId)));
        return Task.CompletedTask;
    }

    private Task ZonesChanged(IEnumerable<string>? zones)
    {
        _form.InternalZoneIds = zones?.ToList() ?? [];
        _edit.NotifyFieldChanged(_edit.Field(nameof(RequestForm.InternalZoneIds)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Re-plans on every edit once the form is complete. Only the newest preview is shown: an older
    /// one still running is cancelled, and a late answer to an outdated form is dropped.
    /// </summary>
    private async Task PreviewAsync()
    {
        var version = ++_previewVersion;
        _previewCts?.Cancel();
        if (!_form.IsComplete())
        {
            _preview = null;
            _previewMessage = null;
            _previewing = false;
            StateHasChanged();
            return;
        }
        var cts = _previewCts = new CancellationTokenSource();
        var input = _form.ToNewRequest();
        _previewing = true;
        StateHasChanged();
        try
        {
            var plan = await RequestService.PreviewAsync(input, _actor, cts.Token);
            var leadTime = await LeadTimes.EstimateAsync(plan, input.PrewarmLead, cts.Token);
            if (version != _previewVersion) return;
            (_preview, _leadTime, _previewStart, _previewMessage) = (plan, leadTime, input.WindowStart, null);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested) { return; }
        catch (DomainException e) when (version == _previewVersion)
        {
            _preview = null;
            _previewMessage = "No preview: fix what the form marks.";
            DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors, RequestForm.DomainFields);
        }
        finally
        {
            if (version == _previewVersion) _previewing = false;
        }
        StateHasChanged();
    }

    private Task SaveDraftAsync() => _edit.Validate() ? FileAsync(submit: false) : Task.CompletedTask;

    private async Task FileAsync(bool submit)
    {
        _serverErrors.Clear();
        // A short plan is a decision (issue 14): submitting it needs the box ticked; a draft does not.
        if (submit && _preview is { IsComplete: false } shortPlan && !ShortfallConfirmed)
        {
            _shortfallError = $"The plan is short of {Format.Cores(shortPlan.ShortfallCores)} cores: tick the box above to submit it anyway, or change the request.";
            return;
        }
        _shortfallError = null;
        _busy = true;
        try
        {
            var request = await RequestService.FileAsync(_form.ToNewRequest(), _actor, submit);
            Snackbar.Add(submit ? "Request submitted for approval." : "Request saved as a draft.", Severity.Success);
            Navigation.NavigateTo($"/requests/{request.Id}");
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors, RequestForm.DomainFields)) { }
        finally { _busy = false; }
    }

    public void Dispose()
    {
        _previewCts?.Cancel();
        _previewCts?.Dispose();
    }
}
