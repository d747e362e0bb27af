using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// Sends one batch to its provider and records the outcome. The batch is marked Sent before the
/// call and the resources are recorded after it; a crash in between is repaired by sending again,
/// because the same idempotency key returns the same resources. Resources are recorded Pending: they
/// count as delivered only once their provider reports them Running (see <see cref="BootConfirmer"/>).
/// Safe to run for several batches at once (one per lane); it keeps no state of its own.
/// </summary>
public sealed class BatchLauncher(
    Database db, ProvisioningRepository provisioning, ProviderRegistry providers,
    StockoutMemory stockouts, BootConfirmer confirmer, LiveNotifier live, IOptions<SchedulingOptions> options, TimeProvider clock,
    LearnedStock? learned = null)
{
    /// <summary>Sends the batch, records it, and takes the first look at its boot before returning.</summary>
    public async Task LaunchAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan plan, ProvisioningBatch batch, CancellationToken ct) =>
        await await SendAsync(request, order, plan, batch, ct);

    /// <summary>
    /// Sends the batch and records it; returns the first look at its boot already under way, for the
    /// caller to await later. A lane sends its next batch meanwhile (issue 15: with calls taking about a
    /// second, waiting for each look halved a lane's sending rate, and the run missed its minute windows).
    /// </summary>
    public async Task<Task> SendAsync(CoreQuotaRequest request, ProvisioningOrder order, Plan plan, ProvisioningBatch batch, CancellationToken ct)
    {
        var provider = providers.For(batch.Provider);
        var (unitPrice, cores) = Unit(request, plan, batch);
        var sentAt = clock.GetUtcNow();
        var sent = batch.After(BatchAction.Send, sentAt, batch.LastError) with { Attempts = batch.Attempts + 1, FirstSentAt = batch.FirstSentAt ?? sentAt };
        await SaveAsync(sent, order.Id, batch.Attempts == 0
            ? $"Batch {batch.Sequence}: asking {batch.Provider} for {batch.Units} × {batch.InstanceType} in {batch.MemberZoneId}."
            : $"Batch {batch.Sequence}: sending again (attempt {sent.Attempts}).", ct);

        var settings = options.Value;
        var command = new ProvisionCommand(batch.MemberZoneId, batch.InstanceType, batch.Units, batch.IdempotencyKey,
            OwnerTags.For(settings.Owner, request.Id, batch.Id),
            request.WindowEnd + settings.ReleaseGrace + settings.AutoReleaseMargin);
        ProvisionResult result;
        try
        {
            result = await provider.ProvisionAsync(command, ct);
        }
        catch (ProviderException e) when (e.Failure is ProviderFailure.InsufficientCapacity or ProviderFailure.ZoneUnavailable or ProviderFailure.Permanent)
        {
            if (e.Failure == ProviderFailure.InsufficientCapacity)
            {
                RememberStockout(batch);
                Learn(batch, 0);
            }
            await SaveAsync(sent.After(BatchAction.Fail, clock.GetUtcNow(), $"{e.Failure}: {e.Message}"),
                order.Id, $"Batch {batch.Sequence}: {e.Failure} — {e.Message}", ct);
            return Task.CompletedTask;
        }
        catch (ProviderException e) when (sent.Attempts >= settings.MaxBatchAttempts)
        {
            // Retries exhausted: the batch is given up, so the pre-warm re-plans it elsewhere or fails
            // loudly, instead of Hangfire giving up silently and the request staying Provisioning.
            // Its key is never sent again; a unit the lost answer made is the reconciler's leak to release.
            // The offering is remembered like a stock-out, so the re-plan falls through to other zones
            // instead of planning the same unreachable offering again.
            RememberStockout(batch);
            await SaveAsync(sent.After(BatchAction.Fail, clock.GetUtcNow(), $"{e.Failure} after {sent.Attempts} attempts: {e.Message}"),
                order.Id, $"Batch {batch.Sequence}: gave up after {sent.Attempts} attempts ({e.Failure}) — {e.Message}", ct);
            return Task.CompletedTask;
        }
        catch (ProviderException e)
        {
            // Throttled or transient: the batch stays Sent and the job is retried; the key makes the retry safe.
            await SaveAsync(sent with { LastError = $"{e.Failure}: {e.Message}", UpdatedAt = clock.GetUtcNow() },
                order.Id, $"Batch {batch.Sequence}: {e.Failure}, will retry — {e.Message}", ct);
            throw;
        }

        var now = clock.GetUtcNow();
        // Billing starts when the unit was made, not when we wrote it down: the first send is no later
        // than the provider's creation, so a crash between the call and this record loses no fen.
        var createdAt = sent.FirstSentAt ?? sentAt;
        var resources = result.ResourceIds.Select(id => new Resource(id, batch.Provider, batch.MemberZoneId, batch.OfferingId, batch.InstanceType,
            cores, request.Id, batch.Id, ResourceState.Pending, createdAt, null, null, unitPrice)).ToList();
        if (result.IsPartial) RememberStockout(batch);
        Learn(batch, result.ResourceIds.Count);
        var done = sent.After(result.IsPartial ? BatchAction.FulfilPartly : BatchAction.Fulfil, now) with { FulfilledUnits = result.ResourceIds.Count };
        var message = $"Batch {batch.Sequence}: {result.ResourceIds.Count} of {batch.Units} × {batch.InstanceType} created in {batch.MemberZoneId}, booting.";
        await db.InTransactionAsync(async (c, tx) =>
        {
            await provisioning.InsertResourcesAsync(resources, c, tx);
            await provisioning.UpdateBatchAsync(done, c, tx);
            await provisioning.AppendEventAsync(order.Id, now, message, c, tx);
        }, ct);
        // Published after the commit, so a viewer never sees progress the tables do not hold.
        // The request's own state: Provisioning for a pre-warm, Active when a failover sends replacements.
        live.Publish(new RequestProgressed(request.Id, request.State, await provisioning.HeldCoresAsync(request.Id, ct),
            plan.PlannedCores, message, now));
        return LookAsync(order, request.State, batch, resources, plan.PlannedCores, ct);
    }

    private async Task LookAsync(ProvisioningOrder order, RequestState state, ProvisioningBatch batch, IReadOnlyList<Resource> resources, int plannedCores, CancellationToken ct)
    {
        try
        {
            await confirmer.ConfirmBatchAsync(order, state, batch.Id, batch.Sequence, resources, plannedCores, ct);
        }
        catch (ProviderException)
        {
            // The batch is recorded; a failed look at its boot progress is repeated by the next poll.
        }
    }

    /// <summary>What the batch delivered teaches the planner about reported (cloud) stock; IDC stock is counted.</summary>
    private void Learn(ProvisioningBatch batch, int delivered)
    {
        if (batch.Provider != Topology.ProviderKind.Idc)
            learned?.Record(batch.MemberZoneId, batch.InstanceType, batch.Units, delivered, clock.GetUtcNow());
    }

    private void RememberStockout(ProvisioningBatch batch) =>
        stockouts.Record(batch.Provider, batch.MemberZoneId, Family(batch.InstanceType), clock.GetUtcNow());

    /// <summary>"ecs.c7.8xlarge" → "ecs.c7"; IDC classes ("idc.h96.general") likewise by their first two parts.</summary>
    internal static string Family(string instanceType)
    {
        var parts = instanceType.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : instanceType;
    }

    /// <summary>
    /// Hourly price and cores of one unit, as the plan bought them. The caller sends only batches whose
    /// offering the plan holds; one that does not is a table inconsistency, reported as such.
    /// </summary>
    private static (decimal PricePerHour, int Cores) Unit(CoreQuotaRequest request, Plan plan, ProvisioningBatch batch)
    {
        var line = plan.Allocations.FirstOrDefault(a => a.OfferingId == batch.OfferingId && a.Units > 0)
            ?? throw new ProvisioningInconsistencyException(
                $"Batch {batch.Sequence} of request {request.Id} is for offering {batch.OfferingId}, which plan {plan.Id} does not hold.");
        return (line.CostPerHour / line.Units, line.Cores / line.Units);
    }

    private Task SaveAsync(ProvisioningBatch batch, Guid orderId, string message, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            await provisioning.UpdateBatchAsync(batch, c, tx);
            await provisioning.AppendEventAsync(orderId, batch.UpdatedAt, message, c, tx);
        }, ct);
}
