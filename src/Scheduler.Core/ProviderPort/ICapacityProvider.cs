using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>
/// The port every provider adapter (IDC inventory, Alibaba Cloud ECS) implements. Few methods, no
/// HTTP or SDK types. Failures are thrown as <see cref="ProviderException"/> with a typed
/// <see cref="ProviderFailure"/>; the scheduler decides what each means.
/// </summary>
public interface ICapacityProvider
{
    ProviderKind Kind { get; }

    /// <summary>Offerings with live stock and hourly price for one member zone. Out-of-stock offerings are kept with stock 0.</summary>
    Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct);

    /// <summary>
    /// Provisions up to <see cref="ProvisionCommand.Units"/> units. The same idempotency key with the
    /// same command returns the same ids. May return fewer ids than asked (partial fulfilment).
    /// </summary>
    Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct);

    /// <summary>Releases ids. Idempotent: an id already released, or unknown, counts as done.</summary>
    Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct);

    /// <summary>Every live unit carrying the tag, for reconciliation and crash recovery.</summary>
    Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct);
}
