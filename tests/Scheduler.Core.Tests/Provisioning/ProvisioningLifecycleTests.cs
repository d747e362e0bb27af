using CapacityConsole.Scheduler.Provisioning;

namespace CapacityConsole.Scheduler.Tests.Provisioning;

/// <summary>The batch, resource and order transition tables: every legal pair, and every other pair refused.</summary>
public sealed class ProvisioningLifecycleTests
{
    private static readonly Dictionary<(BatchState, BatchAction), BatchState> BatchLegal = new()
    {
        [(BatchState.Pending, BatchAction.Send)] = BatchState.Sent,
        [(BatchState.Sent, BatchAction.Send)] = BatchState.Sent,
        [(BatchState.Sent, BatchAction.Fulfil)] = BatchState.Fulfilled,
        [(BatchState.Sent, BatchAction.FulfilPartly)] = BatchState.Partial,
        [(BatchState.Sent, BatchAction.Fail)] = BatchState.Failed,
        [(BatchState.Pending, BatchAction.Cancel)] = BatchState.Cancelled,
        [(BatchState.Sent, BatchAction.Cancel)] = BatchState.Cancelled,
    };

    [Fact]
    public void Batch_EveryPair_IsLegalExactlyAsTheTableSays()
    {
        foreach (var from in Enum.GetValues<BatchState>())
            foreach (var action in Enum.GetValues<BatchAction>())
                if (BatchLegal.TryGetValue((from, action), out var to)) Assert.Equal(to, BatchLifecycle.Machine.Next(from, action));
                else Assert.Throws<IllegalTransitionException>(() => BatchLifecycle.Machine.Next(from, action));
    }

    [Fact]
    public void Batch_IsOpen_WhileItCanStillBeSent_AndTheSqlSaysTheSame()
    {
        Assert.Equal([BatchState.Pending, BatchState.Sent], BatchLifecycle.Open);
        Assert.Equal("'Pending', 'Sent'", BatchLifecycle.OpenSql);
        var batch = new ProvisioningBatch(Guid.NewGuid(), Guid.NewGuid(), 1, Topology.ProviderKind.Idc, "z", "o", "t", 1, 0, BatchState.Pending, 0, null, DateTimeOffset.UnixEpoch);
        Assert.True(batch.IsOpen);
        var done = batch.After(BatchAction.Send, DateTimeOffset.UnixEpoch).After(BatchAction.Fulfil, DateTimeOffset.UnixEpoch);
        Assert.False(done.IsOpen);
        Assert.Throws<IllegalTransitionException>(() => done.After(BatchAction.Cancel, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Resource_BootsOnlyFromPending_AndIsReleasedFromEitherLiveState()
    {
        Assert.Equal(ResourceState.Running, ResourceLifecycle.Machine.Next(ResourceState.Pending, ResourceAction.Boot));
        Assert.Throws<IllegalTransitionException>(() => ResourceLifecycle.Machine.Next(ResourceState.Running, ResourceAction.Boot));
        Assert.Throws<IllegalTransitionException>(() => ResourceLifecycle.Machine.Next(ResourceState.Released, ResourceAction.Release));
        Assert.Equal("'Pending'", ResourceLifecycle.FromSql(ResourceAction.Boot));
        Assert.Equal("'Pending', 'Running'", ResourceLifecycle.FromSql(ResourceAction.Release));
        Assert.Equal([ResourceState.Pending, ResourceState.Running, ResourceState.Released], Enum.GetValues<ResourceState>()); // no dead Releasing
    }

    [Fact]
    public void Order_CompletesOrFailsOnlyWhileRunning_AndARevisionKeepsItsState()
    {
        var order = new ProvisioningOrder(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ProvisioningOrderState.Running, DateTimeOffset.UnixEpoch, null);
        var plan = Guid.NewGuid();
        var now = DateTimeOffset.UnixEpoch.AddHours(1);

        var revised = order.After(OrderAction.Revise, now, plan);
        var completed = revised.After(OrderAction.Complete, now);

        Assert.Equal((ProvisioningOrderState.Running, plan), (revised.State, revised.PlanId));
        Assert.Equal((ProvisioningOrderState.Completed, (DateTimeOffset?)now), (completed.State, completed.CompletedAt));
        Assert.Equal(ProvisioningOrderState.Completed, completed.After(OrderAction.Revise, now, Guid.NewGuid()).State); // failover on an Active request
        Assert.Throws<IllegalTransitionException>(() => completed.After(OrderAction.Fail, now));
        Assert.Equal(ProvisioningOrderState.Failed, order.After(OrderAction.Fail, now).State);
        Assert.Throws<IllegalTransitionException>(() => order.After(OrderAction.Fail, now).After(OrderAction.Revise, now));
    }
}
