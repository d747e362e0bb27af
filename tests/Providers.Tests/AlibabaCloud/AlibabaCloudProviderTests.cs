using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.Tests.Infrastructure;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>ECS-specific behaviour of the adapter beyond the shared contract.</summary>
public class AlibabaCloudProviderTests
{
    private static ProvisionCommand Command(string zone, int units, string key, DateTimeOffset? autoRelease = null) =>
        new(zone, C7Large, units, key, OwnerTags.For("adapter-tests", Guid.NewGuid(), Guid.NewGuid()), autoRelease);

    [Fact]
    public async Task ListOfferings_UnknownPriceIsNull_StockIsTheReportedCategory()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var roomy = await bed.Provider.ListOfferingsAsync(RoomyZone, CancellationToken.None);
        var scarce = await bed.Provider.ListOfferingsAsync(ScarceZone, CancellationToken.None);

        Assert.Null(roomy.Single(o => o.InstanceType == UnpricedType).PricePerHour);
        Assert.Equal(0.42m, roomy.Single(o => o.InstanceType == C7Large).PricePerHour);
        Assert.Equal(("ecs.c7", 2, OfferingStock.Reported(ReportedStockCategory.WithStock)),
            roomy.Single(o => o.InstanceType == C7Large) is var r ? (r.Family, r.CoresPerUnit, r.Stock) : default);
        Assert.Equal(OfferingStock.Reported(ReportedStockCategory.ClosedWithStock), scarce.Single(o => o.InstanceType == C7Large).Stock);
    }

    [Fact]
    public async Task ListOfferings_InADownZone_KeepsOfferingsWithStockZero()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.TakeZoneDown(RoomyZone);

        var offerings = await bed.Provider.ListOfferingsAsync(RoomyZone, CancellationToken.None);

        Assert.Equal(3, offerings.Count);
        Assert.All(offerings, o => Assert.Equal(OfferingStock.Reported(ReportedStockCategory.SoldOut), o.Stock));
    }

    [Fact]
    public async Task Provision_Over100Units_SplitsIntoIdempotentCalls()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var command = Command(RoomyZone, 150, "big-order");

        var first = await bed.Provider.ProvisionAsync(command, CancellationToken.None);
        var again = await bed.Provider.ProvisionAsync(command, CancellationToken.None);

        Assert.Equal(150, first.ResourceIds.Distinct().Count());
        Assert.Equal(first.ResourceIds, again.ResourceIds);
        Assert.Equal(150, bed.Host.Instances.Count);
    }

    [Fact]
    public async Task Provision_WhenALaterChunkFindsNoStock_ReturnsWhatWasMade()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: o => o.Regions[0].Zones[1].Offerings[0].Stock = 100);

        var result = await bed.Provider.ProvisionAsync(Command(ScarceZone, 130, "two-chunks"), CancellationToken.None);

        Assert.Equal((130, 100), (result.Requested, result.ResourceIds.Count));
    }

    [Fact]
    public async Task Provision_PassesAutoReleaseTimeAndOwnerTags()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var releaseAt = bed.Time.GetUtcNow().AddHours(2);
        var command = Command(RoomyZone, 1, "auto-release", releaseAt);

        await bed.Provider.ProvisionAsync(command, CancellationToken.None);

        var instance = Assert.Single(bed.Host.Instances);
        Assert.Equal(releaseAt, instance.AutoReleaseAt);
        Assert.Equal(command.Tags.OrderBy(t => t.Key), instance.Tags.OrderBy(t => t.Key));
    }

    [Fact]
    public async Task PersistentDroppedConnections_SurfaceAsTransient()
    {
        await using var bed = await EcsTestBed.StartAsync();
        bed.Host.Faults.DropNext("RunInstances", times: 3);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            bed.Provider.ProvisionAsync(Command(RoomyZone, 1, "dropped"), CancellationToken.None));

        Assert.Equal(ProviderFailure.Transient, error.Failure);
    }

    [Fact]
    public async Task ClientSideValidation_SurfacesAsPermanent()
    {
        await using var bed = await EcsTestBed.StartAsync();
        var command = Command(RoomyZone, 1, "bad-tag") with { Tags = new Dictionary<string, string> { ["aliyun:reserved"] = "x" } };

        var error = await Assert.ThrowsAsync<ProviderException>(() => bed.Provider.ProvisionAsync(command, CancellationToken.None));

        Assert.Equal(ProviderFailure.Permanent, error.Failure);
        Assert.Contains("Tag.1.Key", error.Message);
    }

    [Fact]
    public async Task ListByOwnerTag_PagesAcrossRegions()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: o => o.Regions.Add(new EmulatorRegion
        {
            RegionId = "cn-second",
            Zones = [new EmulatorZone { ZoneId = "cn-second-a", Offerings = [new() { InstanceType = C7Large, Stock = 50, PricePerHour = 1 }] }],
        }));
        var tags = OwnerTags.For("many", Guid.NewGuid(), Guid.NewGuid());
        await bed.Provider.ProvisionAsync(new ProvisionCommand(RoomyZone, C7Large, 230, "many-1", tags, null), CancellationToken.None);
        await bed.Provider.ProvisionAsync(new ProvisionCommand("cn-second-a", C7Large, 20, "many-2", tags, null), CancellationToken.None);

        var live = await bed.Provider.ListByOwnerTagAsync(OwnerTags.Owner, "many", CancellationToken.None);

        Assert.Equal(250, live.Select(r => r.Id).Distinct().Count());
        Assert.Equal(20, live.Count(r => r.MemberZoneId == "cn-second-a"));
        Assert.All(live, r => Assert.Equal(bed.Time.GetUtcNow(), r.CreatedAt));
    }

    [Fact]
    public async Task ListByOwnerTag_AsksEveryRegionAtOnce_SoOnePollCostsOneCallLatency()
    {
        var latency = TimeSpan.FromSeconds(60);
        await using var bed = await EcsTestBed.StartAsync(
            emulator: o =>
            {
                foreach (var region in new[] { "cn-second", "cn-third" })
                    o.Regions.Add(new EmulatorRegion { RegionId = region, Zones = [new EmulatorZone { ZoneId = region + "-a", Offerings = [new() { InstanceType = C7Large, Stock = 5, PricePerHour = 1 }] }] });
                o.Faults.ActionLatency["DescribeInstances"] = latency;
            },
            client: o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        var started = bed.Time.GetUtcNow();

        // Issue 15: one region after another, a boot poll took one DescribeInstances latency per region.
        var call = bed.Provider.ListByOwnerTagAsync(OwnerTags.Owner, "nobody", CancellationToken.None);
        while (!call.IsCompleted)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(20));
        }

        Assert.Empty(await call);
        var waited = bed.Time.GetUtcNow() - started;
        // Three regions asked one after another would take at least 180 s of the fake clock.
        Assert.True(waited < 2 * latency, $"The poll took {waited.TotalSeconds:0} s of the clock for three regions at {latency.TotalSeconds:0} s each.");
        Assert.True(waited >= latency);
    }

    [Theory]
    [InlineData("cn-beijing-h", "cn-beijing")]
    [InlineData("cn-hangzhou-finance-a", "cn-hangzhou-finance")]
    [InlineData("ap-southeast-1a", "ap-southeast-1")]
    [InlineData("cn-hongkong-b", "cn-hongkong")]
    public void RegionOf_UsesConfiguredRegionsFirst(string zone, string region)
    {
        Assert.Equal(region, EcsZones.RegionOf(zone, ["cn-hangzhou-finance", "cn-beijing"]));
    }

    [Fact]
    public void ChunkToken_StaysWithinEcsLimits_AndIsStable()
    {
        var longKey = new string('k', 80);

        var token = AlibabaCloudProvider.ChunkToken(longKey, 1);

        Assert.True(token.Length <= 64);
        Assert.Equal(token, AlibabaCloudProvider.ChunkToken(longKey, 1));
        Assert.NotEqual(token, AlibabaCloudProvider.ChunkToken(longKey, 2));
        Assert.Equal("short", AlibabaCloudProvider.ChunkToken("short", 0));
    }

    [Theory]
    [InlineData("OperationDenied.NoStock", 403, ProviderFailure.InsufficientCapacity)]
    [InlineData("QuotaExceed.ElasticQuota", 403, ProviderFailure.InsufficientCapacity)]
    [InlineData("Throttling", 400, ProviderFailure.Throttled)]
    [InlineData("Throttling.User", 429, ProviderFailure.Throttled)]
    [InlineData("Zone.NotOnSale", 403, ProviderFailure.ZoneUnavailable)]
    [InlineData("ServiceUnavailable", 503, ProviderFailure.Transient)]
    [InlineData("InternalError", 500, ProviderFailure.Transient)]
    [InlineData("IdempotentParameterMismatch", 400, ProviderFailure.Permanent)]
    [InlineData("SignatureDoesNotMatch", 400, ProviderFailure.Permanent)]
    public void Classify_MapsEcsCodes(string code, int status, ProviderFailure expected)
    {
        Assert.Equal(expected, EcsErrorMapper.Classify(new EcsException(code, status, "r", "m")));
    }
}
