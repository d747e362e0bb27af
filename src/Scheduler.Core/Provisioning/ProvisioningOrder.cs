namespace CapacityConsole.Scheduler.Provisioning;

public enum ProvisioningOrderState { Running, Completed, Failed, Cancelled }

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
}

