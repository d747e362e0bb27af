using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class Approvals
{
    [Inject] private ApprovalQueue Queue { get; set; } = default!;
    [Inject] private RequestService RequestService { get; set; } = default!;
    [Inject] private ApprovalPreviewRefresher Refresher { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Cards per page: each holds a plan table, so a page of them is already a long page.</summary>
    internal const int PageSize = 10;

    private List<ApprovalItem>? _items;
    private long _total;
    private int _page = 1;
    private int _pageCount = 1;
    private bool _loading;
    private bool _filling;
    private Actor _actor = default!;

    internal sealed class ApprovalItem(CoreQuotaRequest request, string serviceName, Budget? budget)
    {
        public CoreQuotaRequest Request { get; } = request;
        public string ServiceName { get; } = serviceName;
        public Budget? Budget { get; } = budget;
        public Plan? Plan { get; set; }
        public LeadTimeEstimate? LeadTime { get; set; }
        public string? PreviewError { get; set; }
        /// <summary>The stored preview no longer matches its inputs, or there is none yet.</summary>
        public bool Stale { get; set; }
        public IReadOnlyList<string> Changed { get; set; } = [];
        public DateTimeOffset? ComputedAt { get; set; }
        public string? Comment { get; set; }
        public string? CommentError { get; set; }
        public bool Busy { get; set; }
        /// <summary>The shortfall the planner ticked to approve (issue 14); null until they do.</summary>
        public int? ConfirmedShortfall { get; set; }
        public string? ShortfallError { get; set; }
        public bool ShortfallConfirmed => Plan is { } p && ConfirmedShortfall is { } c && p.ShortfallCores <= c;
    }

    protected override async Task OnInitializedAsync()
    {
        _actor = await User.GetActorAsync();
        Watch(LiveKeys.All);
        await LoadAsync();
    }

    protected override async Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
    {
        // Only a request that joins or leaves the queue, or one on this page, changes what is shown;
        // the refresher's re-plans show on the next refresh or page change.
        if (updates.Any(update => update is RequestProgressed p && (p.State == RequestState.Submitted || OnPage(p.RequestId))
                || update is ApprovalPreviewsRefreshed r && r.RequestIds.Any(OnPage)
                || update is ZoneHealthChanged or StockRefreshed or LiveResynced)) // every preview's input: the cards turn stale until the refresher re-plans them
            await LoadAsync();
    }

    private bool OnPage(Guid requestId) => _items?.Any(i => i.Request.Id == requestId) == true;

    /// <summary>
    /// Rows with no preview yet (just filed, or the background pass has not reached them) are planned
    /// after the page is shown: at most one page of them, never the whole queue, and never during prerender.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var missing = _items?.Where(i => i.ComputedAt is null).Select(i => i.Request.Id).ToList() ?? [];
        if (missing.Count == 0 || _filling) return;
        _filling = true;
        try
        {
            await Refresher.RefreshRequestsAsync(missing);
            await LoadAsync();
            StateHasChanged();
        }
        finally { _filling = false; }
    }

    private async Task PageChangedAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    /// <summary>One page of the queue from stored previews (issue 16: planning every waiting request per render took 15 s).</summary>
    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var page = await Queue.PageAsync(new PageRequest(_page, PageSize));
            if (page.Items.Count == 0 && _page > 1 && page.Total > 0)
            {
                _page = page.PageCount;
                page = await Queue.PageAsync(new PageRequest(_page, PageSize));
            }
            // What the planner typed and ticked survives the reload (every zone health change and new
            // request reloads the cards); a tick holds only while the shortfall is no larger (ShortfallConfirmed).
            var kept = _items?.ToDictionary(i => i.Request.Id, i => (i.Comment, i.ConfirmedShortfall)) ?? [];
            _items = page.Items.Select(row => new ApprovalItem(row.Request, row.ServiceName, row.Budget)
            {
                Comment = kept.GetValueOrDefault(row.Request.Id).Comment,
                ConfirmedShortfall = kept.GetValueOrDefault(row.Request.Id).ConfirmedShortfall,
                Plan = row.Preview?.Plan,
                LeadTime = row.Preview?.LeadTime,
                PreviewError = row.Preview is null ? "not planned yet." : row.Preview.Error,
                Stale = row.IsStale,
                Changed = row.ChangedSincePreview,
                ComputedAt = row.Preview?.ComputedAt,
            }).ToList();
            _total = page.Total;
            _pageCount = page.PageCount;
        }
        finally { _loading = false; }
    }

    private bool IsOwn(ApprovalItem item) => string.Equals(item.Request.RequestedBy, _actor.UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A short preview is approved only once its shortfall is ticked; the domain then plans afresh and
    /// refuses a plan shorter than the one confirmed, so the planner looks again.
    /// </summary>
    private Task ApproveAsync(ApprovalItem item)
    {
        if (item.Plan is { IsComplete: false } plan && !item.ShortfallConfirmed)
        {
            item.ShortfallError = $"The plan is short of {Format.Cores(plan.ShortfallCores)} cores: tick the box to approve it short, or reject it.";
            return Task.CompletedTask;
        }
        item.ShortfallError = null;
        var accepted = item.ShortfallConfirmed ? item.ConfirmedShortfall!.Value : 0;
        return DecideAsync(item, () => RequestService.ApproveAsync(item.Request.Id, _actor, Blank(item.Comment), accepted), accepted > 0 ? "approved short and scheduled" : "approved and scheduled");
    }

    private static void ConfirmShortfall(ApprovalItem item, bool confirmed)
    {
        item.ConfirmedShortfall = confirmed ? item.Plan?.ShortfallCores : null;
        item.ShortfallError = null;
    }

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
