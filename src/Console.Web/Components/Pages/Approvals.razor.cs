using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class Approvals
{
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private RequestService RequestService { get; set; } = default!;
    [Inject] private LeadTimeEstimator LeadTimes { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private BudgetRepository Budgets { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private List<ApprovalItem>? _items;
    private bool _loading;
    private Actor _actor = default!;

    internal sealed class ApprovalItem(CoreQuotaRequest request, string serviceName, Budget? budget)
    {
        public CoreQuotaRequest Request { get; } = request;
        public string ServiceName { get; } = serviceName;
        public Budget? Budget { get; } = budget;
        public Plan? Plan { get; set; }
        public LeadTimeEstimate? LeadTime { get; set; }
        public string? PreviewError { get; set; }
        public string? Comment { get; set; }
        public string? CommentError { get; set; }
        public bool Busy { get; set; }
    }

    protected override async Task OnInitializedAsync()
    {
        _actor = await User.GetActorAsync();
        Watch(LiveKeys.All);
        await LoadAsync();
    }

    protected override async Task OnLiveUpdateAsync(LiveUpdate update)
    {
        // A request filed, withdrawn or decided elsewhere changes the queue.
        if (update is RequestProgressed or LiveResynced) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var services = (await Services.ListAsync()).ToDictionary(s => s.Id, s => s.Name);
            var budgets = (await Budgets.ListAsync()).ToDictionary(b => b.Id);
            var submitted = await Requests.ListInStatesAsync([RequestState.Submitted]);
            var comments = _items?.ToDictionary(i => i.Request.Id, i => i.Comment) ?? [];
            var items = new List<ApprovalItem>();
            foreach (var r in submitted)
            {
                var item = new ApprovalItem(r, services.GetValueOrDefault(r.ServiceId, r.ServiceId), budgets.GetValueOrDefault(r.BudgetId))
                {
                    Comment = comments.GetValueOrDefault(r.Id),
                };
                try
                {
                    item.Plan = await RequestService.PreviewAsync(r.Id);
                    item.LeadTime = await LeadTimes.EstimateAsync(item.Plan, r.PrewarmLead);
                }
                catch (DomainException e) { item.PreviewError = e.Message; }
                items.Add(item);
            }
            _items = items;
        }
        finally { _loading = false; }
    }

    private Task ApproveAsync(ApprovalItem item) =>
        DecideAsync(item, () => RequestService.ApproveAsync(item.Request.Id, _actor, Blank(item.Comment)), "approved and scheduled");

    private Task RejectAsync(ApprovalItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Comment))
        {
            item.CommentError = "Say why the request is rejected.";
            return Task.CompletedTask;
        }
        return DecideAsync(item, () => RequestService.RejectAsync(item.Request.Id, _actor, item.Comment.Trim()), "rejected");
    }

    private async Task DecideAsync(ApprovalItem item, Func<Task<CoreQuotaRequest>> decide, string done)
    {
        item.CommentError = null;
        item.Busy = true;
        try
        {
            await decide();
            Snackbar.Add($"{item.ServiceName}, {Format.Cores(item.Request.Cores)} cores: {done}.", Severity.Success);
            await LoadAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar)) { }
        finally { item.Busy = false; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
