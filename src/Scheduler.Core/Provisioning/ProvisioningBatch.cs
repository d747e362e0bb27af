using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

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
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstSentAt = null)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private ProvisioningBatch() : this(default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, default!, null) { }

    public string IdempotencyKey => IdempotencyKeyFor(OrderId, Sequence);

    /// <summary>May still make units we have not recorded (see <see cref="BatchLifecycle.Open"/>).</summary>
    public bool IsOpen => BatchLifecycle.IsOpen(State);

    /// <summary>This batch after <paramref name="action"/>; an action its state does not allow throws <see cref="IllegalTransitionException"/>.</summary>
    public ProvisioningBatch After(BatchAction action, DateTimeOffset now, string? lastError = null) =>
        this with { State = BatchLifecycle.Machine.Next(State, action), LastError = lastError, UpdatedAt = now };

    public static string IdempotencyKeyFor(Guid orderId, int sequence) => $"{orderId:N}-{sequence:D5}";
}
