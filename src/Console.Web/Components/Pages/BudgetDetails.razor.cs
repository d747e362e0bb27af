using System.Text.Json;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Charts;

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
    private IReadOnlyList<CoreQuotaRequest> _requests = [];
    private IReadOnlyList<AuditEvent> _audit = [];
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private List<ChartSeries<double>> _series = [];
    private string? _comment;
    private string? _commentError;
    private bool _busy;
    private List<BreadcrumbItem> _crumbs = [];

    private readonly TimeSeriesChartOptions _chartOptions = new()
    {
        YAxisRequireZeroPoint = true,
        TimeLabelSpacing = TimeSpan.FromHours(6),
        TooltipTimeLabelFormat = "yyyy-MM-dd HH:mm",
        YAxisTitle = "CNY",
        LineStrokeWidth = 2,
    };

    protected override void OnInitialized() => Watch(LiveKeys.All);

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override async Task OnLiveUpdateAsync(LiveUpdate update)
    {
        // Commitments and spend move with the requests charged here.
        // A workflow step taken elsewhere (another tab, another instance), or a resync after a lost relay.
        if (update is RequestProgressed p && _requests.Any(r => r.Id == p.RequestId)
            || update is BudgetChanged b && b.BudgetId == Id || update is LiveResynced) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try { _budget = await Budgets.GetAsync(Id); }
        catch (NotFoundException) { _notFound = true; return; }
        _crumbs = [new("Budgets", "/budgets"), new(_budget.Name, null, disabled: true)];
        _requests = (await Requests.ListAsync()).Where(r => r.BudgetId == Id).ToList();
        _serviceNames = (await Services.ListAsync()).ToDictionary(s => s.Id, s => s.Name);
        _audit = await Audit.ListAsync(nameof(Budget), Id.ToString());
        _series = SpendSeries(_audit, _budget, Clock.GetUtcNow());
    }

    /// <summary>
    /// Committed and actual over time, read back from the audit trail: every change to a budget's
    /// money is audited with the values after it, so the trail is the history.
    /// </summary>
    internal static List<ChartSeries<double>> SpendSeries(IReadOnlyList<AuditEvent> events, Budget budget, DateTimeOffset now)
    {
        var committed = new List<TimeValue<double>>();
        var actual = new List<TimeValue<double>>();
        double? c = null, a = null;
        foreach (var e in events)
        {
            if (e.After is null) continue;
            using var doc = JsonDocument.Parse(e.After);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) continue;
            if (doc.RootElement.TryGetProperty("Committed", out var cv) && cv.TryGetDecimal(out var cd)) c = (double)cd;
            if (doc.RootElement.TryGetProperty("Actual", out var av) && av.TryGetDecimal(out var ad)) a = (double)ad;
            if (c is { } cc) committed.Add(new TimeValue<double>(e.At.UtcDateTime, cc));
            if (a is { } aa) actual.Add(new TimeValue<double>(e.At.UtcDateTime, aa));
        }
        if (budget.Committed == 0 && budget.Actual == 0 && committed.All(p => p.Value == 0)) return [];
        committed.Add(new TimeValue<double>(now.UtcDateTime, (double)budget.Committed));
        actual.Add(new TimeValue<double>(now.UtcDateTime, (double)budget.Actual));
        return
        [
            new ChartSeries<double> { Name = "Committed", Data = committed.ToArray() },
            new ChartSeries<double> { Name = "Actual", Data = actual.ToArray() },
        ];
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
