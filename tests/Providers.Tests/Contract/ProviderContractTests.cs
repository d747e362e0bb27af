using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.Tests.Contract;

/// <summary>
/// The promises of <see cref="ICapacityProvider"/> every adapter must keep, written once. A provider
/// test class derives from this, starts its backend in <see cref="CreateProviderAsync"/> and names
/// the offerings to use. Fault promises live in <see cref="ProviderFaultContractTests"/>, for
/// providers whose backend can be told to fail.
/// </summary>
public abstract class ProviderContractTests : IAsyncLifetime
{
    private ICapacityProvider? _provider;

    protected ICapacityProvider Provider => _provider ?? throw new InvalidOperationException("Not started.");

    /// <summary>A fresh, empty backend per test (xunit makes one class instance per test).</summary>
    protected abstract Task<ICapacityProvider> CreateProviderAsync();

    protected abstract Task DisposeBackendAsync();

    protected abstract ProviderKind ExpectedKind { get; }

    /// <summary>Whether the provider counts its stock (IDC hosts) or only reports a category (ECS) (issue 13).</summary>
    protected abstract StockKind ExpectedStockKind { get; }

    /// <summary>A zone and offering with stock well above 10 units.</summary>
    protected abstract (string MemberZoneId, string InstanceType) RoomyOffering { get; }

    /// <summary>A zone and offering with exactly <c>Stock</c> units (at least 1) left.</summary>
    protected abstract (string MemberZoneId, string InstanceType, int Stock) ScarceOffering { get; }

    /// <summary>A known offering with no stock at all.</summary>
    protected abstract (string MemberZoneId, string InstanceType) SoldOutOffering { get; }

    public async Task InitializeAsync() => _provider = await CreateProviderAsync();

    public Task DisposeAsync() => DisposeBackendAsync();

    protected static IReadOnlyDictionary<string, string> Tags(string owner) =>
        OwnerTags.For(owner, Guid.NewGuid(), Guid.NewGuid());

    protected ProvisionCommand Command(string zone, string type, int units, string owner, string? key = null) =>
        new(zone, type, units, key ?? Guid.NewGuid().ToString("N"), Tags(owner), null);

    [Fact]
    public void Kind_IsTheProvidersKind() => Assert.Equal(ExpectedKind, Provider.Kind);

    [Fact]
    public async Task ListOfferings_ReportsCoresPriceAndStock()
    {
        var (zone, type) = RoomyOffering;

        var offerings = await Provider.ListOfferingsAsync(zone, CancellationToken.None);

        var offering = Assert.Single(offerings, o => o.InstanceType == type);
        Assert.Equal(zone, offering.MemberZoneId);
        Assert.True(offering.CoresPerUnit > 0);
        Assert.True(offering.PricePerHour > 0);
        Assert.True(offering.Stock.HasAny);
        AssertStockKind(offering.Stock);
        if (ExpectedStockKind == StockKind.Counted) Assert.True(offering.Stock.Units > 10);
        else Assert.Equal(ReportedStockCategory.WithStock, offering.Stock.Category);
    }

    [Fact]
    public async Task ListOfferings_ScarceStock_IsACountOrALowStockCategory_NeverAGuessedCount()
    {
        var (zone, type, stock) = ScarceOffering;

        var offering = Assert.Single(await Provider.ListOfferingsAsync(zone, CancellationToken.None), o => o.InstanceType == type);

        AssertStockKind(offering.Stock);
        if (ExpectedStockKind == StockKind.Counted) Assert.Equal(stock, offering.Stock.Units);
        else Assert.Equal(ReportedStockCategory.ClosedWithStock, offering.Stock.Category);
    }

    /// <summary>Counted stock has a count and no category; reported stock a category and no count.</summary>
    private void AssertStockKind(OfferingStock stock)
    {
        Assert.Equal(ExpectedStockKind, stock.Kind);
        Assert.Equal(ExpectedStockKind == StockKind.Counted, stock.Units is not null);
        Assert.Equal(ExpectedStockKind == StockKind.Reported, stock.Category is not null);
    }

    [Fact]
    public async Task ListOfferings_KeepsSoldOutOfferings_WithStockZero()
    {
        var (zone, type) = SoldOutOffering;

        var offerings = await Provider.ListOfferingsAsync(zone, CancellationToken.None);

        var stock = Assert.Single(offerings, o => o.InstanceType == type).Stock;
        Assert.False(stock.HasAny);
        AssertStockKind(stock);
        if (ExpectedStockKind == StockKind.Counted) Assert.Equal(0, stock.Units);
    }

    [Fact]
    public async Task Provision_WithTheSameKey_ReturnsTheSameIds_AndCreatesOnce()
    {
        var (zone, type) = RoomyOffering;
        var command = Command(zone, type, 3, "contract-same-key");

        var first = await Provider.ProvisionAsync(command, CancellationToken.None);
        var again = await Provider.ProvisionAsync(command, CancellationToken.None);
        var live = await Provider.ListByOwnerTagAsync(OwnerTags.Owner, "contract-same-key", CancellationToken.None);

        Assert.Equal(3, first.ResourceIds.Count);
        Assert.False(first.IsPartial);
        Assert.Equal(first.ResourceIds.Order(), again.ResourceIds.Order());
        Assert.Equal(first.ResourceIds.Order(), live.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Provision_BeyondStock_ReportsAPartialResult()
    {
        var (zone, type, stock) = ScarceOffering;

        var result = await Provider.ProvisionAsync(Command(zone, type, stock + 5, "contract-partial"), CancellationToken.None);

        Assert.Equal(stock + 5, result.Requested);
        Assert.Equal(stock, result.ResourceIds.Count);
        Assert.True(result.IsPartial);
    }

    [Fact]
    public async Task Release_IsIdempotent_AndUnknownIdsCountAsDone()
    {
        var (zone, type) = RoomyOffering;
        var made = await Provider.ProvisionAsync(Command(zone, type, 2, "contract-release"), CancellationToken.None);

        await Provider.ReleaseAsync(zone, made.ResourceIds, CancellationToken.None);
        await Provider.ReleaseAsync(zone, made.ResourceIds, CancellationToken.None);
        await Provider.ReleaseAsync(zone, [.. made.ResourceIds, "never-existed"], CancellationToken.None);

        Assert.Empty(await Provider.ListByOwnerTagAsync(OwnerTags.Owner, "contract-release", CancellationToken.None));
    }

    [Fact]
    public async Task Release_OfSomeIds_LeavesTheOthers()
    {
        var (zone, type) = RoomyOffering;
        var made = await Provider.ProvisionAsync(Command(zone, type, 3, "contract-some"), CancellationToken.None);

        await Provider.ReleaseAsync(zone, [made.ResourceIds[0], "never-existed"], CancellationToken.None);

        var live = await Provider.ListByOwnerTagAsync(OwnerTags.Owner, "contract-some", CancellationToken.None);
        Assert.Equal(made.ResourceIds.Skip(1).Order(), live.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task ListByOwnerTag_ReturnsExactlyWhatWasMade_WithItsTags()
    {
        var (zone, type) = RoomyOffering;
        var mineCommand = Command(zone, type, 2, "contract-mine");
        var mine = await Provider.ProvisionAsync(mineCommand, CancellationToken.None);
        await Provider.ProvisionAsync(Command(zone, type, 2, "contract-theirs"), CancellationToken.None);

        var live = await Provider.ListByOwnerTagAsync(OwnerTags.Owner, "contract-mine", CancellationToken.None);
        var byRequest = await Provider.ListByOwnerTagAsync(OwnerTags.Request, mineCommand.Tags[OwnerTags.Request], CancellationToken.None);

        Assert.Equal(mine.ResourceIds.Order(), live.Select(r => r.Id).Order());
        Assert.Equal(mine.ResourceIds.Order(), byRequest.Select(r => r.Id).Order());
        Assert.All(live, r =>
        {
            Assert.Equal((zone, type), (r.MemberZoneId, r.InstanceType));
            Assert.Equal(mineCommand.Tags.OrderBy(t => t.Key), r.Tags.OrderBy(t => t.Key));
        });
    }
}
