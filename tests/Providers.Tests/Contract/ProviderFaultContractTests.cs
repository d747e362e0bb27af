using CapacityConsole.Scheduler.ProviderPort;

namespace CapacityConsole.Providers.Tests.Contract;

/// <summary>
/// Failures surface as <see cref="ProviderException"/> with the right <see cref="ProviderFailure"/>,
/// whatever the backend's own error codes. For providers that can inject faults into their backend.
/// </summary>
public abstract class ProviderFaultContractTests : ProviderContractTests
{
    /// <summary>Makes provisioning of the offering in the zone fail with this kind of failure until cleared.</summary>
    protected abstract Task InjectFaultAsync(ProviderFailure failure, string memberZoneId, string instanceType);

    protected abstract Task ClearFaultsAsync();

    [Theory]
    [InlineData(ProviderFailure.InsufficientCapacity)]
    [InlineData(ProviderFailure.Throttled)]
    [InlineData(ProviderFailure.ZoneUnavailable)]
    [InlineData(ProviderFailure.Transient)]
    [InlineData(ProviderFailure.Permanent)]
    public async Task Provision_Fault_SurfacesAsTypedFailure_AndCreatesNothing(ProviderFailure failure)
    {
        var (zone, type) = RoomyOffering;
        await InjectFaultAsync(failure, zone, type);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider.ProvisionAsync(Command(zone, type, 2, "contract-fault"), CancellationToken.None));
        await ClearFaultsAsync();

        Assert.Equal(failure, error.Failure);
        Assert.Empty(await Provider.ListByOwnerTagAsync(OwnerTags.Owner, "contract-fault", CancellationToken.None));
    }

    [Fact]
    public async Task Provision_AfterAFaultClears_SucceedsWithTheSameKey()
    {
        var (zone, type) = RoomyOffering;
        var command = Command(zone, type, 2, "contract-recover");
        await InjectFaultAsync(ProviderFailure.Transient, zone, type);
        await Assert.ThrowsAsync<ProviderException>(() => Provider.ProvisionAsync(command, CancellationToken.None));
        await ClearFaultsAsync();

        var result = await Provider.ProvisionAsync(command, CancellationToken.None);

        Assert.Equal(2, result.ResourceIds.Count);
    }
}
