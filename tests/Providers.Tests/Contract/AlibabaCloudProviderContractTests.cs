using CapacityConsole.Providers.Tests.Infrastructure;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.Contract;

/// <summary>The ECS adapter over the real client and the emulator on loopback; faults injected in the emulator.</summary>
public sealed class AlibabaCloudProviderContractTests : ProviderFaultContractTests
{
    private EcsTestBed? _bed;

    private EcsTestBed Bed => _bed ?? throw new InvalidOperationException("Not started.");

    protected override ProviderKind ExpectedKind => ProviderKind.AlibabaCloud;
    protected override StockKind ExpectedStockKind => StockKind.Reported;
    protected override (string, string) RoomyOffering => (RoomyZone, C7Large);
    protected override (string, string, int) ScarceOffering => (ScarceZone, C7Large, ScarceStock);
    protected override (string, string) SoldOutOffering => (RoomyZone, SoldOutType);

    protected override async Task<ICapacityProvider> CreateProviderAsync()
    {
        _bed = await EcsTestBed.StartAsync();
        return _bed.Provider;
    }

    protected override async Task DisposeBackendAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }

    protected override Task InjectFaultAsync(ProviderFailure failure, string memberZoneId, string instanceType)
    {
        var faults = Bed.Host.Faults;
        switch (failure)
        {
            case ProviderFailure.InsufficientCapacity: faults.StockOut(memberZoneId, instanceType); break;
            case ProviderFailure.ZoneUnavailable: faults.TakeZoneDown(memberZoneId); break;
            case ProviderFailure.Throttled: faults.SetErrorRate("RunInstances", 1, "Throttling", 400); break;
            case ProviderFailure.Transient: faults.SetErrorRate("RunInstances", 1, "ServiceUnavailable", 503); break;
            case ProviderFailure.Permanent: faults.SetErrorRate("RunInstances", 1, "Forbidden.RAM", 403); break;
        }
        return Task.CompletedTask;
    }

    protected override Task ClearFaultsAsync()
    {
        Bed.Host.Faults.Clear();
        return Task.CompletedTask;
    }
}
