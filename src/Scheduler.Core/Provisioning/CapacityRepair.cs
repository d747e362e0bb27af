using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>What one repair pass did for an Active request.</summary>
public sealed record RepairOutcome(int CoresAdded, int ShortCores, string? ShortReason)
{
    public static readonly RepairOutcome Nothing = new(0, 0, null);
}

/// <summary>
/// Keeps an Active request's desired capacity, as an auto-scaling group replaces lost instances: its
/// replacement batches are sent (and resumed after a crash), their units confirmed Running, and when
/// fewer cores are held than the plan wants (units vanished at the provider, or did not boot in time)
/// the missing cores are re-planned through the normal re-plan (stock-out aware, spread kept, within
/// budget; the offering that lost them is avoided) and stored by <see cref="OrderRevision"/>. When no
/// re-plan can add them the request is "short N cores" with the reason, on its timeline.
/// The reconciler runs it every pass; a pass with nothing missing changes nothing.
/// </summary>
public sealed class CapacityRepair(
    ServiceRepository services, BudgetRepository budgets, PlanRepository plans, ProvisioningRepository provisioning,
    PlanningService planning, IPlanner planner, OrderRevision revision, ProvisioningService provisioningService, BootConfirmer boot, CapacityShortfall shortfalls,
    TopologyRepository topology, LiveNotifier live, TimeProvider clock)
{
    public async Task<RepairOutcome> RepairAsync(CoreQuotaRequest request, CancellationToken ct)
    {
        if (request.State != RequestState.Active) return RepairOutcome.Nothing;
        var order = await provisioning.GetOrderAsync(request.Id, ct);
        var plan = await plans.GetCurrentAsync(request.Id, ct);
        if (order is null || plan is null) return RepairOutcome.Nothing;

        // Work in a Down zone is the failover's (it closes such batches); everything else is resumed here.
        var down = DownZones.MemberZoneIds(await topology.GetSnapshotAsync(ct));
        try
        {
            await provisioningService.LaunchOpenBatchesAsync(request, order, b => !down.Contains(b.MemberZoneId), ct);
            if (!await boot.AllRunningAsync(order, plan.PlannedCores, ct, state: RequestState.Active)) return RepairOutcome.Nothing;
        }
        catch (ProviderException)
        {
            return RepairOutcome.Nothing; // the batch stays open; the next pass resumes it
        }
        if ((await provisioning.ListBatchesAsync(order.Id, ct)).Any(b => b.IsOpen)) return RepairOutcome.Nothing; // a failover's work

        await boot.ReleaseOverdueAsync(request, order, plan, ct);
        var running = ProvisioningService.Delivered(plan, await provisioning.ListResourcesAsync(request.Id, ct));
        var missing = plan.PlannedCores - running.Sum(a => a.Cores);
        if (missing <= 0)
        {
            if ((await shortfalls.GetAsync(request.Id, ct)).IsShort) await shortfalls.SetAsync(request.Id, Shortfall.None, ct);
            return RepairOutcome.Nothing;
        }
        var short_ = Undelivered.Of(plan, running);
        if (short_.Count == 0) return RepairOutcome.Nothing;

        var lost = short_[0].Sample;
        var service = await services.GetAsync(request.ServiceId, ct);
        var budget = await budgets.GetAsync(request.BudgetId, ct);
        var input = await planning.InputAsync(request, service, request.CommittedAmount + budget.Available, ct);
        var replan = planner.Replan(new ReplanInput(input, plan, running, new OfferingStockedOut(lost.OfferingId)));
        string? reason = null;
        if (replan.Added.Count > 0)
        {
            var message = $"Replacing {missing:N0} missing cores (lost from {lost.InstanceType} in {lost.MemberZoneId}): " +
                          $"{replan.Added.Sum(a => a.Cores):N0} cores re-planned in {string.Join(", ", replan.Added.Select(a => a.MemberZoneId).Distinct())}.";
            try
            {
                if (await revision.ApplyAsync(request, order, plan, replan, new RevisionCause(message, "Replace missing capacity", "reconciler"), ct) is { } stored)
                {
                    live.Publish(new RequestProgressed(request.Id, RequestState.Active, await provisioning.HeldCoresAsync(request.Id, ct),
                        stored.PlannedCores, message, clock.GetUtcNow()));
                    var heldBefore = await provisioning.HeldCoresAsync(request.Id, ct);
                    try { await provisioningService.LaunchOpenBatchesAsync(request, order, b => !down.Contains(b.MemberZoneId), ct); }
                    catch (ProviderException) { /* recorded on the batch; the next pass resumes it */ }
                    var added = await provisioning.HeldCoresAsync(request.Id, ct) - heldBefore;
                    return new RepairOutcome(added, Math.Max(0, missing - added), replan.Plan.ShortfallReason);
                }
                return RepairOutcome.Nothing;
            }
            catch (ConflictException e)
            {
                reason = $"the budget cannot take the replacement: {e.Message}";
            }
        }
        reason ??= replan.Plan.ShortfallReason ?? "no offering with stock is left for them.";
        // The planner's shortfall is what the request lacks (its cores and their spread); plan minus held
        // would also count the re-planned lines that stocked out on the way.
        var shortCores = replan.Plan.ShortfallCores > 0 ? replan.Plan.ShortfallCores : missing;
        await shortfalls.SetAsync(request.Id, new Shortfall(shortCores, reason), ct);
        await ShortfallAsync(request, order, plan, shortCores, reason, ct);
        return new RepairOutcome(0, shortCores, reason);
    }

    private async Task ShortfallAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan plan, int missing, string reason, CancellationToken ct)
    {
        var message = $"Short {missing:N0} cores: {reason}";
        // Said once per shortfall: the passes that find it unchanged write nothing.
        if ((await provisioning.ListEventsAsync(order.Id, ct)) is [.., var last] && last.Message == message) return;
        var now = clock.GetUtcNow();
        await revision.NoteAsync(order.Id, now, message, ct);
        live.Publish(new RequestProgressed(request.Id, RequestState.Active, await provisioning.HeldCoresAsync(request.Id, ct), plan.PlannedCores, message, now));
    }
}
