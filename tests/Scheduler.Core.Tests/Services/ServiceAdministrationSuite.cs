using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Services;

/// <summary>Admins create and edit services on SQLite and PostgreSQL: validated against the topology, audited.</summary>
public abstract class ServiceAdministrationSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _admin = new("root", null, Role.Admin | Role.Viewer);

    private async Task<(ServiceAdministration Admin, ServiceRepository Services, AuditLog Audit)> SetUpAsync(Scheduler.Storage.Database db)
    {
        var topology = new TopologyRepository(db);
        await db.InTransactionAsync((c, tx) => topology.AddMissingAsync(DemoTopology.Build(_clock.GetUtcNow()), c, tx));
        var services = new ServiceRepository(db);
        var audit = new AuditLog(db, _clock);
        return (new ServiceAdministration(db, services, topology, audit), services, audit);
    }

    private static ServiceInput Search(params string[] zones) =>
        new("search-cache", "Search cache", "search", "cc-search", ServiceTier.HotCache, false, zones);

    [Fact]
    public async Task Create_StoresTheNormalisedService_AndAuditsIt()
    {
        await using var t = await databases.CreateAsync();
        var (admin, services, audit) = await SetUpAsync(t.Database);

        await admin.CreateAsync(Search("bj-2", "bj-1") with { Id = " Search-Cache " }, _admin);

        var stored = await services.GetAsync("search-cache");
        Assert.Equal(("Search cache", "search", "CC-SEARCH", ServiceTier.HotCache, false), (stored.Name, stored.OwnerTeam, stored.CostCenter, stored.Tier, stored.CloudAllowed));
        Assert.Equal(["bj-1", "bj-2"], stored.AllowedInternalZoneIds);
        var created = Assert.Single(await audit.ListAsync("Service", "search-cache"));
        Assert.Equal(("Create", "root"), (created.Action, created.Actor));
        Assert.Contains("HotCache", created.After);
    }

    [Fact]
    public async Task MinimumUnitSize_IsStoredAndEdited_AndOneNoOfferingMeetsIsRefused_NamingTheField()
    {
        await using var t = await databases.CreateAsync();
        var (admin, services, _) = await SetUpAsync(t.Database);

        await admin.CreateAsync(Search() with { MinCoresPerUnit = 8 }, _admin);
        Assert.Equal(8, (await services.GetAsync("search-cache")).MinCoresPerUnit);
        await admin.UpdateAsync("search-cache", Search() with { MinCoresPerUnit = 16 }, _admin);
        Assert.Equal(16, (await services.GetAsync("search-cache")).MinCoresPerUnit);

        // The demo's largest unit has far fewer than 1,000 cores: such a service could never be planned.
        var none = await Assert.ThrowsAsync<DomainValidationException>(() => admin.UpdateAsync("search-cache", Search() with { MinCoresPerUnit = 1000 }, _admin));
        Assert.Equal(["MinCoresPerUnit"], none.Errors.Keys);
        Assert.Contains("No offering has 1000 cores per unit", none.Errors["MinCoresPerUnit"].Single());
        var negative = await Assert.ThrowsAsync<DomainValidationException>(() => admin.CreateAsync(Search() with { Id = "other-cache", MinCoresPerUnit = -4 }, _admin));
        Assert.Equal(["MinCoresPerUnit"], negative.Errors.Keys);
        Assert.Equal(16, (await services.GetAsync("search-cache")).MinCoresPerUnit);
    }

    [Fact]
    public async Task Create_RefusesUnknownZones_BadIds_ATakenId_AndNonAdmins_StoringNothing()
    {
        await using var t = await databases.CreateAsync();
        var (admin, services, _) = await SetUpAsync(t.Database);

        var zones = await Assert.ThrowsAsync<DomainValidationException>(() => admin.CreateAsync(Search("bj-1", "mars-1"), _admin));
        Assert.Equal(["AllowedInternalZoneIds"], zones.Errors.Keys);
        Assert.Contains("mars-1", zones.Errors["AllowedInternalZoneIds"].Single());
        var fields = await Assert.ThrowsAsync<DomainValidationException>(() =>
            admin.CreateAsync(new ServiceInput("9 bad id", "", "", "c c", ServiceTier.Stateless, true, []), _admin));
        Assert.Equal(["CostCenter", "Id", "Name", "OwnerTeam"], fields.Errors.Keys.Order());
        await Assert.ThrowsAsync<ForbiddenException>(() => admin.CreateAsync(Search(), new Actor("p", "search", Role.ServiceOwner | Role.Viewer)));
        Assert.Empty(await services.ListAsync());

        await admin.CreateAsync(Search(), _admin);
        await Assert.ThrowsAsync<ConflictException>(() => admin.CreateAsync(Search() with { Name = "Other" }, _admin));
        Assert.Equal("Search cache", (await services.GetAsync("search-cache")).Name);
    }

    [Fact]
    public async Task Update_ChangesEverythingButTheId_AuditsBeforeAndAfter_AndRefusesBadInput()
    {
        await using var t = await databases.CreateAsync();
        var (admin, services, audit) = await SetUpAsync(t.Database);
        await admin.CreateAsync(Search("bj-1"), _admin);

        await Assert.ThrowsAsync<DomainValidationException>(() => admin.UpdateAsync("search-cache", Search("nowhere"), _admin));
        await Assert.ThrowsAsync<NotFoundException>(() => admin.UpdateAsync("missing", Search(), _admin));
        await admin.UpdateAsync("search-cache", Search() with { Id = "ignored", Tier = ServiceTier.Stateless, CloudAllowed = true }, _admin);

        var stored = await services.GetAsync("search-cache");
        Assert.Equal((ServiceTier.Stateless, true, 0), (stored.Tier, stored.CloudAllowed, stored.AllowedInternalZoneIds.Count));
        var update = (await audit.ListAsync("Service", "search-cache")).Last();
        Assert.Equal("Update", update.Action);
        Assert.Contains("bj-1", update.Before);
        Assert.Contains("Stateless", update.After);
    }
}

public sealed class SqliteServiceAdministrationTests() : ServiceAdministrationSuite(new SqliteDatabases());

public sealed class PostgresServiceAdministrationTests() : ServiceAdministrationSuite(new PostgresDatabases());
