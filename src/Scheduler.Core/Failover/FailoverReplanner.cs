using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// Re-plans a request whose plan uses a Down zone (the planner's <see cref="Planner.Replan"/>): what runs
/// elsewhere is kept, what ran in the Down zone is lost, and the lost cores are planned again in healthy
/// zones. The new plan is stored by <see cref="OrderRevision"/>, the transaction every plan change shares;
/// nothing is provisioned here.
/// </summary>
public sealed class FailoverReplanner(
    ServiceRepository services, BudgetRepository budgets, PlanningService planning, IPlanner planner, OrderRevision revision)
{
    /// <summary>The re-plan for <paramref name="request"/> as things stand; pure apart from reading.</summary>
    public async Task<Replan> ComputeAsync(
        CoreQuotaRequest request, Plan current, IReadOnlyList<Resource> resources, PlanChange change, CancellationToken ct)
    {
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        // Like the pre-warm's re-plan: the request may use what it has committed plus what the budget has left.
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var running = ProvisioningService.Delivered(current, resources);
        return planner.Replan(new ReplanInput(input, current, running, change));
    }

    /// <summary>
    /// Stores <paramref name="replan"/> through the one <see cref="OrderRevision"/> unless the request moved
    /// on meanwhile (another pass re-planned it, or it left Provisioning/Active): then returns false and
    /// writes nothing. Pending batches in the Down zones are cancelled with it (the re-plan's Cancelled part).
    /// </summary>
    public async Task<bool> StoreAsync(
        CoreQuotaRequest request, ProvisioningOrder order, Plan current, Replan replan, IReadOnlySet<string> downMembers, string zoneLabel, string actor,
        CancellationToken ct) =>
        await revision.ApplyAsync(request, order, current, replan,
            new RevisionCause(Describe(zoneLabel, replan), "Fail over", actor, downMembers), ct) is not null;

    /// <summary>Stores a re-plan of a replacement that stocked out (same transaction as every plan change).</summary>
    public async Task<bool> StoreReplacementAsync(
        CoreQuotaRequest request, ProvisioningOrder order, Plan current, Replan replan, Allocation stockedOut, string actor, CancellationToken ct)
    {
        var message = $"Failover: the replacement stocked out of {stockedOut.InstanceType} in {stockedOut.MemberZoneId}; " +
                      $"{replan.Added.Sum(a => a.Cores):N0} cores re-planned in {string.Join(", ", replan.Added.Select(a => a.MemberZoneId).Distinct())}.";
        return await revision.ApplyAsync(request, order, current, replan, new RevisionCause(message, "Fail over", actor), ct) is not null;
    }

    private static string Describe(string zoneLabel, Replan replan)
    {
        var plan = replan.Plan;
        var added = replan.Added.Count == 0
            ? "no replacement could be planned."
            : $"{replan.Added.Sum(a => a.Cores):N0} cores re-planned in {string.Join(", ", replan.Added.Select(a => a.MemberZoneId).Distinct())}" +
              $" (+{replan.Added.Sum(a => a.CostPerHour):0.00} CNY/h).";
        var text = $"Failover: {zoneLabel} is Down; {replan.Lost.Sum(a => a.Cores):N0} running cores lost there, " +
                   $"{replan.Cancelled.Sum(a => a.Cores):N0} planned cores cancelled; {added}";
        return plan.IsComplete ? text : $"{text} Short of {plan.ShortfallCores:N0} cores: {plan.ShortfallReason}";
    }
}
