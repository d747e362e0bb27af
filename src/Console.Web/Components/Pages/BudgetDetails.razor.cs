using System.Text.Json;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using CapacityConsole.Web.Components.Shared.Charts;

namespace CapacityConsole.Web.Components.Pages;

public partial class BudgetDetails
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private BudgetRepository Budgets { get; set; } = default!;
    [Inject] private BudgetService Workflow { get; set; } = default!;
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Budget? _budget;
    private bool _notFound;
    internal const int TablePageSize = 25;

    /// <summary>The chart keeps at most this many points per series: a busy budget has thousands of audited changes.</summary>
    internal const int ChartPoints = 120;

    private Page<CoreQuotaRequest>? _requests;
    private Page<AuditEvent>? _audit;
    private int _requestPage = 1, _auditPage = 1;
    private (decimal Committed, decimal Actual)? _chartedAt;
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private TimeChartModel _chart = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);
    private string? _comment;
    private string? _commentError;
    private bool _busy;
    /// <summary>The signed-in user's name, for the four-eyes rule.</summary>
    private string? _me;
    private List<BreadcrumbItem> _crumbs = [];

    protected override void OnInitialized() => Watch(LiveKeys.All);

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override async Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        // A workflow step taken elsewhere (another tab, another instance), or a resync after a lost relay.
        if (updates.Any(u => u is BudgetChanged b && b.BudgetId == Id || u is LiveResynced))
        {
            await LoadAsync();
            return;
        }
        // Commitments and spend move with the requests charged here.
        var progressed = updates.OfType<RequestProgressed>().Select(p => p.RequestId).Distinct().ToList();
        if (progressed.Count == 0) return;
        var charged = progressed.Any(id => _requests?.Items.Any(r => r.Id == id) == true)
            || (await Requests.ListByIdsAsync(progressed)).Any(r => r.BudgetId == Id);
        if (charged) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _me ??= (await User.GetActorAsync()).UserName;
        try { _budget = await Budgets.GetAsync(Id); }
        catch (NotFoundException) { _notFound = true; return; }
        _crumbs = [new("Budgets", "/budgets"), new(_budget.Name, null, disabled: true)];
        await LoadRequestsAsync();
        await LoadAuditAsync();
        // The chart reads a thinned trail (the events carry the values after each change), and only when the money moved.
        if (_chartedAt != (_budget.Committed, _budget.Actual))
        {
            _chart = SpendChart(await Audit.ListSampledAsync(nameof(Budget), Id.ToString(), ChartPoints * 2), _budget,
                (await Requests.PageAsync(new RequestFilter(BudgetId: Id), new PageRequest(1, EventWindowQuery.MaxEvents))).Items, Clock.GetUtcNow());
            _chartedAt = (_budget.Committed, _budget.Actual);
        }
    }

    private async Task LoadRequestsAsync()
    {
        _requests = await Requests.PageAsync(new RequestFilter(BudgetId: Id), new PageRequest(_requestPage, TablePageSize));
        _serviceNames = await Services.NamesAsync(_requests.Items.Select(r => r.ServiceId));
    }

    private async Task LoadAuditAsync() =>
        _audit = await Audit.PageAsync(nameof(Budget), Id.ToString(), new PageRequest(_auditPage, TablePageSize));

    private Task RequestPageAsync(int page) { _requestPage = page; return LoadRequestsAsync(); }

    private Task AuditPageAsync(int page) { _auditPage = page; return LoadAuditAsync(); }

    /// <summary>
    /// Committed and actual over real time, read back from the audit trail: every change to a budget's
    /// money is audited with the values after it, so the trail is the history. Committed is a step
    /// (an approval commits at once); actual is joined straight (it accrues). The axis runs from the
    /// first change to now, and the charged events' windows are shaded on it.
    /// </summary>
    public static TimeChartModel SpendChart(IReadOnlyList<AuditEvent> events, Budget budget, IEnumerable<CoreQuotaRequest> charged, DateTimeOffset now)
    {
        var committed = new List<ChartPoint>();
        var actual = new List<ChartPoint>();
        decimal? c = null, a = null;
        foreach (var e in events)
        {
            if (e.After is null) continue;
            using var doc = JsonDocument.Parse(e.After);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) continue;
            if (doc.RootElement.TryGetProperty("Committed", out var cv) && cv.TryGetDecimal(out var cd)) c = cd;
            if (doc.RootElement.TryGetProperty("Actual", out var av) && av.TryGetDecimal(out var ad)) a = ad;
            if (c is { } cc) committed.Add(new ChartPoint(e.At, cc));
            if (a is { } aa) actual.Add(new ChartPoint(e.At, aa));
        }
        if (budget.Committed == 0 && budget.Actual == 0 && committed.All(p => p.Value == 0) && actual.All(p => p.Value == 0))
            return new TimeChartModel(now, now, []);
        committed.Add(new ChartPoint(now, budget.Committed));
        actual.Add(new ChartPoint(now, budget.Actual));
        var first = committed.Concat(actual).Min(p => p.At);
        var pad = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, (now - first).Ticks / 20));
        var bands = charged.SelectMany(r => ChartAnnotations.EventBands(r, now)).ToList();
        return new TimeChartModel(first - pad, now,
        [
            new ChartLine("Committed", ChartColours.Committed, Thin(committed, ChartPoints), ChartUnit.Cny, Stepped: true),
            new ChartLine("Actual", ChartColours.Actual, Thin(actual, ChartPoints), ChartUnit.Cny),
        ], Bands: bands, Now: now);
    }

    /// <summary>At most <paramref name="max"/> points, evenly spread, always keeping the last (the value now).</summary>
    internal static ChartPoint[] Thin(List<ChartPoint> points, int max)
    {
        if (points.Count <= max) return points.ToArray();
        var step = (double)(points.Count - 1) / (max - 1);
        return Enumerable.Range(0, max).Select(i => points[(int)Math.Round(i * step)]).ToArray();
    }

    private Task SubmitAsync() => ActAsync(actor => Workflow.SubmitAsync(Id, actor), "submitted for approval");

    private Task ApproveAsync() => ActAsync(actor => Workflow.ApproveAsync(Id, actor, Blank(_comment)), "approved");

    private Task RejectAsync()
    {
        if (string.IsNullOrWhiteSpace(_comment))
        {
            _commentError = "Say why the budget is rejected.";
            return Task.CompletedTask;
        }
        return ActAsync(actor => Workflow.RejectAsync(Id, actor, _comment.Trim()), "rejected");
    }

    private Task CloseAsync() => ActAsync(actor => Workflow.CloseAsync(Id, actor), "closed");

    private async Task ActAsync(Func<string, Task<Budget>> action, string done)
    {
        _commentError = null;
        _busy = true;
        try
        {
            var actor = await User.GetActorAsync();
            _budget = await action(actor.UserName);
            Snackbar.Add($"Budget '{_budget.Name}' {done}.", Severity.Success);
            _comment = null;
            await LoadAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar)) { await LoadAsync(); }
        finally { _busy = false; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
