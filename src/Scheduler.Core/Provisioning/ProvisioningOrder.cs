namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>The execution of one plan: batches sent to providers and tracked to completion.</summary>
public sealed record ProvisioningOrder(
    Guid Id,
    Guid RequestId,
    Guid PlanId,
    ProvisioningOrderState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private ProvisioningOrder() : this(default!, default!, default!, default!, default!, default!) { }

    /// <summary>This order after <paramref name="action"/>; Complete and Fail stamp the time it ended.</summary>
    public ProvisioningOrder After(OrderAction action, DateTimeOffset now, Guid? planId = null) => this with
    {
        State = OrderLifecycle.Machine.Next(State, action),
        PlanId = planId ?? PlanId,
        CompletedAt = action is OrderAction.Complete or OrderAction.Fail ? now : CompletedAt,
    };
}

