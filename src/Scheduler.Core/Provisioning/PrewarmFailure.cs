using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// A pre-warm that cannot succeed (retries exhausted, no zone with stock left, the budget gone) fails
/// loudly: the request turns Failed with its reason and its order Failed, in one transaction with the
/// timeline line and the audit event; then the release routine gives back whatever it holds and the
/// unspent commitment returns to the budget (<see cref="ReleaseService"/>). A crash between the two is
/// finished by the reconciler, which releases any Failed request that still holds units or money.
/// </summary>
public sealed class PrewarmFailure(
    Database db, RequestRepository requests, ProvisioningRepository provisioning, AuditLog audit, ReleaseService release,
    LiveNotifier live, TimeProvider clock)
{
    public async Task FailAsync(CoreQuotaRequest request, ProvisioningOrder order, string reason, CancellationToken ct)
    {
        var failed = await db.InTransactionAsync(async (c, tx) =>
        {
            var locked = await requests.GetForUpdateAsync(request.Id, c, tx);
            if (locked.State != RequestState.Provisioning) return false;
            var now = clock.GetUtcNow();
            locked.Fail(reason, now);
            await requests.UpdateAsync(locked, c, tx);
            await provisioning.UpdateOrderAsync(order.After(OrderAction.Fail, now), c, tx);
            await provisioning.AppendEventAsync(order.Id, now, $"Failed: {reason}", c, tx);
            await audit.AppendAsync(c, tx, "scheduler", "CoreQuotaRequest", locked.Id.ToString(), "Fail",
                new { State = nameof(RequestState.Provisioning) }, new { State = locked.State.ToString(), Reason = reason });
            return true;
        }, ct);
        if (failed)
            live.Publish(new RequestProgressed(request.Id, RequestState.Failed, await provisioning.HeldCoresAsync(request.Id, ct),
                request.Cores, $"Failed: {reason}", clock.GetUtcNow()));
        await release.ReleaseAsync(request.Id, "scheduler", ct);
    }
}
