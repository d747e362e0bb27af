using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class RequestDetails
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private CapacityShortfall Shortfalls { get; set; } = default!;
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private RequestService RequestService { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private BudgetRepository Budgets { get; set; } = default!;
    [Inject] private PlanRepository Plans { get; set; } = default!;
    [Inject] private ProvisioningRepository Provisioning { get; set; } = default!;
    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ZoneLossWhatIf WhatIf { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private CoreQuotaRequest? _request;
    private bool _notFound;
    private Service? _service;
    private Budget? _budget;
    private Plan? _plan;
    private Shortfall _shortfall = Shortfall.None;
    private bool _planIsPreview;
    private string? _planMessage;
    /// <summary>Rows per table page; the tables are paged in the database (issue 16: 1.38 MB of HTML at 6,378 resources).</summary>
    internal const int TablePageSize = 25;
    /// <summary>The timeline shows the newest entries; an order of thousands of batches has thousands of them.</summary>
    internal const int TimelineEntries = 100;

    private Page<ProvisioningBatch>? _batches;
    private IReadOnlyList<(DateTimeOffset At, string Message)> _timeline = [];
    private long _timelineTotal;
    private Page<Resource>? _resources;
    private IReadOnlyDictionary<ResourceState, (int Count, int Cores)> _resourceCounts = new Dictionary<ResourceState, (int, int)>();
    private Page<AuditEvent>? _audit;
    private Guid? _orderId;
    private int _batchPage = 1, _resourcePage = 1, _auditPage = 1;
    private ZoneLossReport? _whatIf;
    private RequestState? _whatIfState;
    private int _delivered;
    private int _pending;
    private int _planned;
    private string? _liveMessage;
    private Actor? _actor;
    private bool _isPlanner, _isOwner;
    private string? _comment;
    private string? _commentError;
    private bool _busy;
    private List<BreadcrumbItem> _crumbs = [new("Requests", "/requests"), new("Request", null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        _actor ??= await User.GetActorAsync();
        WatchOnly(LiveKeys.Request(Id));
        await LoadAsync();
    }

    protected override async Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        await LoadAsync();
        // The executor's own count is the freshest; the tables may lag a batch behind it.
        if (updates.OfType<RequestProgressed>().LastOrDefault(p => p.RequestId == Id) is { } p)
        {
            _liveMessage = p.Message;
            if (p.PlannedCores > 0) _planned = p.PlannedCores;
        }
    }

    private async Task LoadAsync()
    {
        try { _request = await Requests.GetAsync(Id); }
        catch (NotFoundException) { _notFound = true; return; }
        _service = await Services.FindAsync(_request.ServiceId);
        _budget = await Budgets.FindAsync(_request.BudgetId);
        _crumbs = [new("Requests", "/requests"), new($"{_service?.Name ?? _request.ServiceId} · {Format.Date(_request.WindowStart)}", null, disabled: true)];
        _isPlanner = _actor!.Has(Role.Planner);
        _isOwner = _service is not null && _actor.OwnsServiceOf(_service.OwnerTeam);

        _plan = await Plans.GetCurrentAsync(Id);
        _planIsPreview = false;
        _planMessage = null;
        if (_plan is null && _request.State is RequestState.Draft or RequestState.Submitted)
        {
            try
            {
                _plan = await RequestService.PreviewAsync(Id);
                _planIsPreview = true;
            }
            catch (DomainException e) { _planMessage = $"No preview: {e.Message}"; }
        }

        var order = await Provisioning.GetOrderAsync(Id);
        _orderId = order?.Id;
        (_timeline, _timelineTotal) = order is null ? ([], 0) : await Provisioning.ListRecentEventsAsync(order.Id, TimelineEntries);
        _resourceCounts = await Provisioning.CountResourcesAsync(Id);
        await LoadBatchesAsync();
        await LoadResourcesAsync();
        await LoadAuditAsync();
        if (_whatIfState != _request.State) _whatIf = null;
        // Pending instances are created, not delivered (issue 14: not 100 % while every one is Pending).
        _delivered = _resourceCounts.Where(c => c.Key is ResourceState.Running).Sum(c => c.Value.Cores);
        _pending = _resourceCounts.Where(c => c.Key is ResourceState.Pending).Sum(c => c.Value.Cores);
        _planned = _planIsPreview ? _plan?.PlannedCores ?? _request.Cores : _plan?.PlannedCores ?? _request.Cores;
        _liveMessage = null;
        _shortfall = _request.State == RequestState.Active ? await Shortfalls.GetAsync(Id) : Shortfall.None;
    }

    private async Task LoadBatchesAsync() =>
        _batches = _orderId is { } order ? await Provisioning.PageBatchesAsync(order, new PageRequest(_batchPage, TablePageSize)) : null;

    private async Task LoadResourcesAsync() => _resources = await Provisioning.PageResourcesAsync(Id, new PageRequest(_resourcePage, TablePageSize));

    private async Task LoadAuditAsync() => _audit = await Audit.PageAsync("CoreQuotaRequest", Id.ToString(), new PageRequest(_auditPage, TablePageSize));

    private Task BatchPageAsync(int page) { _batchPage = page; return LoadBatchesAsync(); }

    private Task ResourcePageAsync(int page) { _resourcePage = page; return LoadResourcesAsync(); }

    private Task AuditPageAsync(int page) { _auditPage = page; return LoadAuditAsync(); }

    private int ResourceCount(Func<ResourceState, bool> which) => _resourceCounts.Where(c => which(c.Key)).Sum(c => c.Value.Count);

    /// <summary>
    /// The zone-loss what-if reads every resource of the request, so it is computed once the page is
    /// interactive (not in the prerender) and again only when the request's state changes, not on
    /// each batch's progress update (issue 16: request details at 6,378 resources).
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_request is null || _whatIf is not null || _whatIfState == _request.State) return;
        _whatIfState = _request.State;
        if (_request.State is not (RequestState.Submitted or RequestState.Scheduled or RequestState.Provisioning or RequestState.Active)) return;
        try { _whatIf = await WhatIf.GetAsync(Id); }
        catch (DomainException) { } // no plan can be made now (e.g. the budget ran dry); the plan section already says why
        StateHasChanged();
    }

    private double ProgressPercent => _planned <= 0 ? 0 : Math.Min(100, 100.0 * _delivered / _planned);

    private Color ProgressColour => _request?.State switch
    {
        RequestState.Active => Color.Success,
        RequestState.Failed => Color.Error,
        RequestState.Releasing or RequestState.Released => Color.Secondary,
        _ => Color.Primary,
    };

    /// <summary>The card's title says the state it is in (issue 14: no "Provisioning" card while Active).</summary>
    private string ProgressTitle => _request!.State switch
    {
        RequestState.Approved or RequestState.Scheduled => "Waiting for the pre-warm",
        RequestState.Provisioning => "Provisioning",
        RequestState.Active => _request.WindowStart > Clock.GetUtcNow() ? "Ready before its window" : "Capacity held",
        RequestState.Releasing => "Releasing",
        RequestState.Released => "Released",
        _ => "Capacity",
    };

    private string PrewarmLine => _request!.PrewarmAt > Clock.GetUtcNow()
        ? $"Scheduled: pre-warm starts at {Format.Time(_request.PrewarmAt)}."
        : $"Scheduled: pre-warm was due at {Format.Time(_request.PrewarmAt)} and is starting.";

    private string StatusLine => _liveMessage ?? _request!.State switch
    {
        RequestState.Draft => "A draft: submit it for a planner's approval.",
        RequestState.Submitted => "Waiting for a planner's approval.",
        RequestState.Approved or RequestState.Scheduled => PrewarmLine,
        RequestState.Provisioning => "Provisioning in batches through the providers.",
        RequestState.Active => _request.WindowStart > Clock.GetUtcNow()
            ? $"Active: pre-warmed and running; the window opens at {Format.Time(_request.WindowStart)} and runs until {Format.Time(_request.WindowEnd)}."
            : $"Active: the capacity is running until {Format.Time(_request.WindowEnd)}.",
        RequestState.Releasing => "Releasing: cloud first, most expensive first.",
        RequestState.Released => "Released: everything was returned and the spend is final.",
        RequestState.Rejected => "Rejected.",
        RequestState.Cancelled => "Cancelled.",
        RequestState.Failed => "Failed.",
        _ => "",
    };

    private bool Cancellable => _request!.State is RequestState.Draft or RequestState.Submitted or RequestState.Approved or RequestState.Scheduled
        && (_isOwner || _isPlanner);

    /// <summary>Four-eyes: the approval is not offered to whoever filed the request.</summary>
    private bool IsOwnRequest => string.Equals(_request!.RequestedBy, _actor?.UserName, StringComparison.OrdinalIgnoreCase);

    private bool CanAct => Cancellable || (_request!.State == RequestState.Submitted && _isPlanner) || (_request.State == RequestState.Draft && _isOwner);

    private Task SubmitAsync() => ActAsync(() => RequestService.SubmitAsync(Id, _actor!), "submitted for approval");

    // The preview's shortfall the planner ticked (issue 14); the domain refuses a plan shorter than this.
    private int? _confirmedShortfall;
    private bool ShortfallConfirmed => _plan is { } p && _confirmedShortfall is { } c && p.ShortfallCores <= c;
    private bool CanConfirmShortfall => _planIsPreview && _request?.State == RequestState.Submitted && _isPlanner && !IsOwnRequest;

    private Task ConfirmShortfallAsync(bool confirmed)
    {
        _confirmedShortfall = confirmed ? _plan?.ShortfallCores : null;
        return Task.CompletedTask;
    }

    private Task ApproveAsync()
    {
        if (_plan is { IsComplete: false } shortPlan && !ShortfallConfirmed)
        {
            Snackbar.Add($"The plan is short of {Format.Cores(shortPlan.ShortfallCores)} cores: tick the box under the plan to approve it short, or reject it.", Severity.Warning);
            return Task.CompletedTask;
        }
        var accepted = ShortfallConfirmed ? _confirmedShortfall!.Value : 0;
        return ActAsync(() => RequestService.ApproveAsync(Id, _actor!, Blank(_comment), accepted), "approved and scheduled");
    }

    private Task RejectAsync()
    {
        if (string.IsNullOrWhiteSpace(_comment))
        {
            _commentError = "Say why the request is rejected.";
            return Task.CompletedTask;
        }
        return ActAsync(() => RequestService.RejectAsync(Id, _actor!, _comment.Trim()), "rejected");
    }

    private Task CancelAsync() => ActAsync(() => RequestService.CancelAsync(Id, _actor!), "cancelled");

    private async Task ActAsync(Func<Task<CoreQuotaRequest>> action, string done)
    {
        _commentError = null;
        _busy = true;
        try
        {
            await action();
            Snackbar.Add($"Request {done}.", Severity.Success);
            _comment = null;
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar)) { }
        finally { _busy = false; }
        await LoadAsync();
    }

    /// <summary>Names for the ids an audit snapshot may hold.</summary>
    private IReadOnlyDictionary<string, string> AuditNames => new Dictionary<string, string>
    {
        [_request!.Id.ToString()] = $"this request",
        [_request.BudgetId.ToString()] = _budget?.Name ?? "its budget",
        [_request.ServiceId] = _service?.Name ?? _request.ServiceId,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
