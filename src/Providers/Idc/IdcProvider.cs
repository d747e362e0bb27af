using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.Idc;

/// <summary>Our own data centers behind the provider port: hosts come from the IDC inventory tables.</summary>
public sealed class IdcProvider(IdcInventory inventory) : ICapacityProvider
{
    public ProviderKind Kind => ProviderKind.Idc;

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) =>
        inventory.ListOfferingsAsync(memberZoneId, ct);

    public async Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
    {
        if (command.Units <= 0)
            throw new ProviderException(ProviderFailure.Permanent, $"Units must be above 0, not {command.Units}.");
        if (!command.Tags.ContainsKey(OwnerTags.Owner))
            throw new ProviderException(ProviderFailure.Permanent, $"Every host must carry the {OwnerTags.Owner} tag.");
        return new ProvisionResult(command.Units, await inventory.AllocateAsync(command, ct));
    }

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) =>
        inventory.ReleaseAsync(memberZoneId, resourceIds, ct);

    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
        inventory.ListByTagAsync(tagKey, tagValue, ct);
}
