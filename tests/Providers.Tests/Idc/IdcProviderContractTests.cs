using CapacityConsole.Providers.Tests.Contract;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.Tests.Idc;

/// <summary>The port's promises kept by the IDC provider, plus the failures an IDC hall can have.</summary>
public abstract class IdcProviderContractTests(StorageProvider storage) : ProviderContractTests
{
    private IdcBackend? _backend;

    protected override async Task<ICapacityProvider> CreateProviderAsync()
    {
        _backend = await IdcBackend.StartAsync(storage);
        return _backend.Provider;
    }

    protected override async Task DisposeBackendAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync();
    }

    protected override ProviderKind ExpectedKind => ProviderKind.Idc;
    protected override StockKind ExpectedStockKind => StockKind.Counted;
    protected override (string MemberZoneId, string InstanceType) RoomyOffering => ("hall-a", "idc.h96.general");
    protected override (string MemberZoneId, string InstanceType, int Stock) ScarceOffering => ("hall-a", "idc.h64.compute", 3);
    protected override (string MemberZoneId, string InstanceType) SoldOutOffering => ("hall-a", "idc.h32.small");

    [Fact]
    public async Task Provision_OfASoldOutClass_IsInsufficientCapacity()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider.ProvisionAsync(Command("hall-a", "idc.h32.small", 1, "idc-soldout"), CancellationToken.None));
        Assert.Equal(ProviderFailure.InsufficientCapacity, error.Failure);
    }

    [Fact]
    public async Task Provision_InAHallThatIsDown_IsZoneUnavailable_AndTakesNothing()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider.ProvisionAsync(Command("hall-b", "idc.h96.general", 2, "idc-down"), CancellationToken.None));
        Assert.Equal(ProviderFailure.ZoneUnavailable, error.Failure);
        Assert.Equal(5, (await Provider.ListOfferingsAsync("hall-b", CancellationToken.None)).Single().Stock.Units);
    }

    [Fact]
    public async Task Provision_ReusingAKeyWithOtherParameters_IsPermanent()
    {
        var first = Command("hall-a", "idc.h96.general", 2, "idc-key");
        await Provider.ProvisionAsync(first, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider.ProvisionAsync(first with { Units = 3 }, CancellationToken.None));
        Assert.Equal(ProviderFailure.Permanent, error.Failure);
    }

    [Fact]
    public async Task Provision_WithoutTheOwnerTag_IsRefused()
    {
        var untagged = new ProvisionCommand("hall-a", "idc.h96.general", 1, Guid.NewGuid().ToString("N"), new Dictionary<string, string>(), null);
        var error = await Assert.ThrowsAsync<ProviderException>(() => Provider.ProvisionAsync(untagged, CancellationToken.None));
        Assert.Equal(ProviderFailure.Permanent, error.Failure);
    }

    [Fact]
    public async Task ConcurrentProvisions_NeverTakeTheSameHost()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try { return await Provider.ProvisionAsync(Command("hall-a", "idc.h96.general", 5, $"idc-race-{i}"), CancellationToken.None); }
            catch (ProviderException e) when (e.Failure == ProviderFailure.InsufficientCapacity) { return null; }
        })));

        // 12 × 5 asked of 40 hosts: all handed out, none twice, and the late callers told there is no stock.
        var ids = results.OfType<ProvisionResult>().SelectMany(r => r.ResourceIds).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(4, results.Count(r => r is null));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(0, (await Provider.ListOfferingsAsync("hall-a", CancellationToken.None)).Single(o => o.InstanceType == "idc.h96.general").Stock.Units);
    }
}

public sealed class SqliteIdcProviderContractTests() : IdcProviderContractTests(StorageProvider.Sqlite);

public sealed class PostgresIdcProviderContractTests() : IdcProviderContractTests(StorageProvider.Postgres);
