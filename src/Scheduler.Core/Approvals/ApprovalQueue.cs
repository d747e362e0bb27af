using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>
/// One row of the approval queue: the waiting request, its service's name, its budget, its stored
/// preview (null until the refresher made one) and what changed since the preview was made.
/// </summary>
public sealed record ApprovalRow(
    CoreQuotaRequest Request, string ServiceName, Budget? Budget, ApprovalPreview? Preview, IReadOnlyList<string> ChangedSincePreview)
{
    /// <summary>The preview no longer matches the inputs (or there is none yet): the refresher re-plans it in the background.</summary>
    public bool IsStale => Preview is null || ChangedSincePreview.Count > 0;
}

/// <summary>
/// The approval queue, a page at a time, from stored previews: a render reads one page of requests,
/// their previews and the current input versions, and plans nothing.
/// </summary>
public sealed class ApprovalQueue(
    RequestRepository requests, ServiceRepository services, ApprovalPreviewRepository previews, ApprovalPreviewRefresher refresher)
{
    public async Task<Page<ApprovalRow>> PageAsync(PageRequest page, CancellationToken ct = default)
    {
        var waiting = await requests.PageInStatesAsync([RequestState.Submitted], page, ct);
        if (waiting.Items.Count == 0) return waiting.Map(r => new ApprovalRow(r, r.ServiceId, null, null, []));
        var stored = await previews.GetManyAsync(waiting.Items.Select(r => r.Id).ToList(), ct);
        var current = await refresher.CurrentAsync(waiting.Items, ct);
        var names = await services.NamesAsync(waiting.Items.Select(r => r.ServiceId), ct);
        return waiting.Map(r =>
        {
            var preview = stored.GetValueOrDefault(r.Id);
            return new ApprovalRow(r, names.GetValueOrDefault(r.ServiceId, r.ServiceId), current.Budgets.GetValueOrDefault(r.BudgetId), preview,
                preview is null ? [] : current.For(r).ChangedSince(preview.Inputs));
        });
    }
}
