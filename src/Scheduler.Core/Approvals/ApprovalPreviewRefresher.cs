using System.Diagnostics;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>What one refresh pass looked at and did.</summary>
public sealed record ApprovalRefreshReport(int Waiting, int Replanned, int Current, int Pruned, TimeSpan Duration);

/// <summary>
/// Keeps the stored previews of the approval queue up to date: a waiting request is re-planned
/// only when an input of its preview changed (<see cref="PlanInputVersions"/>), and the lead-time
/// history is learned once per pass, not once per request. Before this, the approvals page planned
/// every waiting request on every render: 15.3 s with 589 waiting (issue 16).
/// </summary>
public sealed class ApprovalPreviewRefresher(
    RequestRepository requests, ServiceRepository services, BudgetRepository budgets, TopologyRepository topology,
    StockoutMemory stockouts, PlanningService planning, LeadTimeHistory history, ApprovalPreviewRepository previews,
    IOptions<SchedulingOptions> scheduling, IOptions<LeadTimeOptions> leadTimes, IOptions<ApprovalOptions> options,
    LiveNotifier live, TimeProvider clock, ILogger<ApprovalPreviewRefresher> logger)
{
    /// <summary>Previews are written in chunks so a long pass shows progress and holds no long write lock.</summary>
    private const int SaveEvery = 50;

    /// <summary>
    /// The versions these waiting requests are compared against now: the topology's, the lead-time
    /// history's and their budgets' (only theirs, not every budget ever made).
    /// </summary>
    public async Task<CurrentInputs> CurrentAsync(IReadOnlyCollection<CoreQuotaRequest> waiting, CancellationToken ct = default)
    {
        var snapshot = await topology.GetSnapshotAsync(ct);
        var topologyVersion = PlanInputVersions.Topology(snapshot, stockouts.ActiveAt(clock.GetUtcNow()));
        var budgetList = await budgets.ListByIdsAsync(waiting.Select(r => r.BudgetId).Distinct().ToList(), ct);
        return new CurrentInputs(topologyVersion, await previews.HistoryVersionAsync(ct), budgetList.ToDictionary(b => b.Id));
    }

    /// <summary>A pass over the whole queue: re-plans every waiting request whose preview is missing or stale.</summary>
    public async Task<ApprovalRefreshReport> RefreshAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var pruned = await previews.PruneAsync(ct);
        var waiting = await requests.ListInStatesAsync([RequestState.Submitted], ct);
        var report = await RefreshAsync(waiting, pruned, watch, ct);
        if (report.Duration > options.Value.SlowPass)
            logger.LogWarning(
                "Approval preview pass took {DurationMs:0} ms (over {SlowMs:0} ms): scanned {Waiting} waiting requests, re-planned {Replanned}, {Current} were current, pruned {Pruned}.",
                report.Duration.TotalMilliseconds, options.Value.SlowPass.TotalMilliseconds, report.Waiting, report.Replanned, report.Current, report.Pruned);
        else if (report.Replanned > 0)
            logger.LogInformation("Approval previews: re-planned {Replanned} of {Waiting} waiting requests in {DurationMs:0} ms.",
                report.Replanned, report.Waiting, report.Duration.TotalMilliseconds);
        return report;
    }

    /// <summary>
    /// Only these requests (a page's rows without a preview yet, e.g. just filed), so a page never
    /// waits for a pass over the whole queue.
    /// </summary>
    public async Task<ApprovalRefreshReport> RefreshRequestsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var waiting = (await requests.ListByIdsAsync(requestIds, ct)).Where(r => r.State == RequestState.Submitted).ToList();
        return await RefreshAsync(waiting, 0, watch, ct);
    }

    private async Task<ApprovalRefreshReport> RefreshAsync(IReadOnlyList<CoreQuotaRequest> waiting, int pruned, Stopwatch watch, CancellationToken ct)
    {
        var current = await CurrentAsync(waiting, ct);
        var stored = await previews.ListInputsAsync(waiting.Select(r => r.Id).ToList(), ct);
        var due = waiting.Where(r => !stored.TryGetValue(r.Id, out var s) || current.For(r).ChangedSince(s).Count > 0).ToList();

        if (due.Count > 0)
        {
            var serviceById = await services.ListByIdsAsync(due.Select(r => r.ServiceId), ct);
            var learned = await history.LearnAsync(leadTimes.Value.HistoryOrders, ct);
            var batch = new List<ApprovalPreview>();
            foreach (var request in due)
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(await PreviewAsync(request, serviceById, current, learned, ct));
                if (batch.Count >= SaveEvery) await SaveAsync(batch, ct);
            }
            await SaveAsync(batch, ct);
        }
        return new ApprovalRefreshReport(waiting.Count, due.Count, waiting.Count - due.Count, pruned, watch.Elapsed);
    }

    private async Task SaveAsync(List<ApprovalPreview> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        await previews.SaveAsync(batch, ct);
        live.Publish(new ApprovalPreviewsRefreshed(batch.Select(p => p.RequestId).ToList(), clock.GetUtcNow()));
        batch.Clear();
    }

    private async Task<ApprovalPreview> PreviewAsync(
        CoreQuotaRequest request, IReadOnlyDictionary<string, Service> serviceById, CurrentInputs current,
        IReadOnlyDictionary<ProviderKind, ProviderPace> learned, CancellationToken ct)
    {
        var inputs = current.For(request);
        var now = clock.GetUtcNow();
        if (!serviceById.TryGetValue(request.ServiceId, out var service))
            return new ApprovalPreview(request.Id, null, null, $"There is no service '{request.ServiceId}'.", inputs, now);
        if (!current.Budgets.TryGetValue(request.BudgetId, out var budget))
            return new ApprovalPreview(request.Id, null, null, $"There is no budget '{request.BudgetId}'.", inputs, now);
        try
        {
            var plan = await planning.PlanAsync(request, service, budget, ct);
            var leadTime = LeadTimeEstimator.Calculate(plan.Allocations, learned, request.PrewarmLead, scheduling.Value, leadTimes.Value);
            return new ApprovalPreview(request.Id, plan, leadTime, null, inputs, now);
        }
        catch (DomainException e)
        {
            // No plan can be made now (an unknown zone, a budget run dry): the row says why instead of a plan.
            return new ApprovalPreview(request.Id, null, null, e.Message, inputs, now);
        }
    }
}

/// <summary>The input versions now; <see cref="For"/> gives one request's.</summary>
public sealed record CurrentInputs(string Topology, string History, IReadOnlyDictionary<Guid, Budget> Budgets)
{
    public ApprovalInputs For(CoreQuotaRequest request) =>
        new(Topology, PlanInputVersions.Budget(Budgets.GetValueOrDefault(request.BudgetId)), History, PlanInputVersions.Request(request));
}
