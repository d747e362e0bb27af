using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

public enum BatchState { Pending, Sent, Fulfilled, Partial, Failed }

/// <summary>
/// One call's worth of a provisioning order. The idempotency key is derived from order and batch,
/// so a batch re-sent after a crash returns the same resources instead of new ones.
/// </summary>
public sealed record ProvisioningBatch(
    Guid Id,
    Guid OrderId,
    int Sequence,
    ProviderKind Provider,
    string MemberZoneId,
    string OfferingId,
    string InstanceType,
    int Units,
    int FulfilledUnits,
    BatchState State,
    int Attempts,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private ProvisioningBatch() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!) { }

    public string IdempotencyKey => IdempotencyKeyFor(OrderId, Sequence);

    public static string IdempotencyKeyFor(Guid orderId, int sequence) => $"{orderId:N}-{sequence:D5}";
}
