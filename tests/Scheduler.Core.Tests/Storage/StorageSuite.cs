using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>One storage suite, run against SQLite and against a real PostgreSQL server.</summary>
public abstract class StorageSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Migrate_IsIdempotent()
    {
        await using var t = await databases.CreateAsync();
        var applied = await CountAsync(t, "schemaversions");
        await t.MigrateAsync();
        Assert.True(applied >= 2);
        Assert.Equal(applied, await CountAsync(t, "schemaversions"));
    }

    [Fact]
    public async Task Migrate_RefusesADatabaseNewerThanTheCode()
    {
        await using var t = await databases.CreateAsync();
        await using (var c = await t.Database.OpenAsync())
            await c.ExecuteAsync("INSERT INTO schemaversions (scriptname, applied) VALUES ('CapacityConsole.Scheduler.Storage.Migrations.X.9999_future.sql', @at)",
                new { at = _clock.GetUtcNow().UtcDateTime });
        var e = await Assert.ThrowsAsync<SchemaTooNewException>(t.MigrateAsync);
        Assert.Contains("9999_future.sql", e.Message);
        Assert.Contains("newer than the code", e.Message);
    }

    [Fact]
    public async Task Seed_IsIdempotent_AndStoresOnlyPasswordHashes()
    {
        await using var t = await databases.CreateAsync();
        var seeder = Seeder(t.Database, password: "demo-password-1");
        var first = await seeder.SeedAsync();
        var counts = await AllCountsAsync(t);
        var second = await seeder.SeedAsync();

        Assert.Equal(DemoUsers.All.Count, first.CreatedUsers.Count);
        Assert.Empty(second.CreatedUsers);
        Assert.Equal(counts, await AllCountsAsync(t));
        Assert.Equal(8, counts["internal_zones"]);

        var users = new UserRepository(t.Database);
        var planner = await users.FindAsync("Planner");
        Assert.NotNull(planner);
        Assert.DoesNotContain("demo-password-1", planner.PasswordHash);
        Assert.True(new UserPasswords().Verify(planner, "demo-password-1"));
        Assert.False(new UserPasswords().Verify(planner, "wrong"));
        Assert.Equal(Role.Planner | Role.Viewer, planner.Roles);
    }

    [Fact]
    public async Task Topology_RoundTrips_WithNullPricesAndUpsertedStock()
    {
        await using var t = await databases.CreateAsync();
        await Seeder(t.Database).SeedAsync();
        var repo = new TopologyRepository(t.Database);
        var snapshot = await repo.GetSnapshotAsync();
        Assert.Equal(2, snapshot.Regions.Count);
        Assert.Contains(snapshot.MemberZones, z => z.Id == "cn-beijing-h" && z.Provider == ProviderKind.AlibabaCloud);

        var cloud = new Offering("cn-beijing-h/ecs.c7.8xlarge", "cn-beijing-h", ProviderKind.AlibabaCloud,
            "ecs.c7.8xlarge", "ecs.c7", 32, null, 0, _clock.GetUtcNow());
        await repo.UpsertOfferingsAsync([cloud]);
        await repo.UpsertOfferingsAsync([cloud with { PricePerHour = 6.1875m, Stock = 400, RefreshedAt = _clock.GetUtcNow().AddMinutes(1) }]);

        var stored = (await repo.GetSnapshotAsync()).Offerings.Single(o => o.Id == cloud.Id);
        Assert.Equal(6.1875m, stored.PricePerHour);
        Assert.Equal(400, stored.Stock);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(1), stored.RefreshedAt);

        await repo.UpsertOfferingsAsync([cloud]);
        Assert.Null((await repo.GetSnapshotAsync()).Offerings.Single(o => o.Id == cloud.Id).PricePerHour);
    }

    [Fact]
    public async Task Budget_Workflow_IsStored_WithAnAuditEventPerStep()
    {
        await using var t = await databases.CreateAsync();
        var (service, repo, audit) = Budgets(t.Database);
        var created = await service.CreateAsync(
            new NewBudget("Flash sale", "CC-TRADE", "Double 12", 1_234_567.89m, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(7)), "planner");
        await service.SubmitAsync(created.Id, "planner");
        await service.ApproveAsync(created.Id, "planner2", "go");

        var stored = await repo.GetAsync(created.Id);
        Assert.Equal(BudgetState.Approved, stored.State);
        Assert.Equal(1_234_567.89m, stored.Amount);
        Assert.Equal(_clock.GetUtcNow().AddDays(7), stored.PeriodEnd);
        Assert.Equal("go", stored.DecisionComment);

        var events = await audit.ListAsync(nameof(Budget), created.Id.ToString());
        Assert.Equal(["Create", "Submit", "Approve"], events.Select(e => e.Action));
        Assert.Contains("PendingApproval", events[2].Before);
        Assert.Contains("Approved", events[2].After);
        Assert.Equal("planner2", events[2].Actor);
    }

    [Fact]
    public async Task IllegalTransition_ChangesNothing()
    {
        await using var t = await databases.CreateAsync();
        var (service, repo, audit) = Budgets(t.Database);
        var b = await service.CreateAsync(new NewBudget("B", "CC", null, 10m, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), "planner");

        await Assert.ThrowsAsync<IllegalTransitionException>(() => service.ApproveAsync(b.Id, "planner2", null));

        Assert.Equal(BudgetState.Draft, (await repo.GetAsync(b.Id)).State);
        Assert.Single(await audit.ListAsync(nameof(Budget), b.Id.ToString()));
    }

    [Fact]
    public async Task UnknownBudget_IsNotFound()
    {
        await using var t = await databases.CreateAsync();
        var (service, _, _) = Budgets(t.Database);
        await Assert.ThrowsAsync<NotFoundException>(() => service.SubmitAsync(Guid.NewGuid(), "planner"));
    }

    [Fact]
    public async Task ConcurrentCommitments_NeverOverCommitABudget()
    {
        await using var t = await databases.CreateAsync();
        var (service, repo, _) = Budgets(t.Database);
        var b = await service.CreateAsync(new NewBudget("B", "CC", null, 1000m, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), "planner");
        await service.SubmitAsync(b.Id, "planner");
        await service.ApproveAsync(b.Id, "planner2", null);

        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            try
            {
                await t.Database.InTransactionAsync((c, tx) => service.CommitAsync(b.Id, 150m, "approver", c, tx));
                return true;
            }
            catch (ConflictException) { return false; }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(6, results.Count(ok => ok));
        Assert.Equal(900m, (await repo.GetAsync(b.Id)).Committed);
    }

    [Fact]
    public async Task ChargeableBudgets_AreTheApprovedOnesWhosePeriodHasNotEnded()
    {
        await using var t = await databases.CreateAsync();
        var repo = new BudgetRepository(t.Database);
        var now = _clock.GetUtcNow();
        Budget Approved(string name, DateTimeOffset start, DateTimeOffset end, bool approve = true)
        {
            var b = Budget.Create(name, "CC-T", null, 1000m, start, end, "planner", now.AddDays(-30));
            b.Submit("planner", now.AddDays(-30));
            if (approve) b.Approve("planner2", null, now.AddDays(-29));
            return b;
        }
        Budget[] budgets =
        [
            Approved("ended yesterday", now.AddDays(-10), now.AddDays(-1)),
            Approved("ends in an hour", now.AddDays(-10), now.AddHours(1)),
            Approved("next month", now.AddDays(30), now.AddDays(31)),
            Approved("submitted only", now.AddDays(-1), now.AddDays(5), approve: false),
        ];
        await t.Database.InTransactionAsync(async (c, tx) => { foreach (var b in budgets) await repo.InsertAsync(b, c, tx); });

        Assert.Equal(["next month", "ends in an hour"], (await repo.ListChargeableAsync(now)).Select(b => b.Name));
        Assert.Equal(["next month"], (await repo.ListChargeableAsync(now.AddHours(2))).Select(b => b.Name));
    }

    [Fact]
    public async Task Request_RoundTrips_ZonesLeadTimeAndShare()
    {
        await using var t = await databases.CreateAsync();
        await Seeder(t.Database).SeedAsync();
        var budget = (await new BudgetRepository(t.Database).ListChargeableAsync(_clock.GetUtcNow())).First();
        var input = new NewCoreQuotaRequest("order-submit", 6400, "cn-beijing", ["bj-2", "bj-1"],
            _clock.GetUtcNow().AddHours(2), _clock.GetUtcNow().AddHours(6), TimeSpan.FromMinutes(45), budget.Id,
            "Double 12 peak", 0.75m, MinCoresPerUnit: 16);
        var request = CoreQuotaRequest.Create(input, "owner", _clock.GetUtcNow());
        var repo = new RequestRepository(t.Database);
        await t.Database.InTransactionAsync((c, tx) => repo.InsertAsync(request, c, tx));

        var stored = await repo.GetAsync(request.Id);
        Assert.Equal(["bj-1", "bj-2"], stored.InternalZoneIds);
        Assert.Equal(TimeSpan.FromMinutes(45), stored.PrewarmLead);
        Assert.Equal(0.75m, stored.SurvivableShare);
        Assert.Equal(16, stored.MinCoresPerUnit);
        Assert.Equal(RequestState.Draft, stored.State);
        Assert.Equal(request.WindowStart, stored.WindowStart);
        await Assert.ThrowsAsync<NotFoundException>(() => repo.GetAsync(Guid.NewGuid()));
    }

    private DemoSeeder Seeder(Database db, string password = "demo-password-1") => new(
        db, new TopologyRepository(db), new ServiceRepository(db), new BudgetRepository(db), new UserRepository(db),
        new UserPasswords(), Options.Create(new DemoOptions { Password = password }), _clock, []);

    private (BudgetService, BudgetRepository, AuditLog) Budgets(Database db)
    {
        var repo = new BudgetRepository(db);
        var audit = new AuditLog(db, _clock);
        return (new BudgetService(db, repo, audit, _clock), repo, audit);
    }

    private static async Task<long> CountAsync(TestDatabase t, string table)
    {
        await using var c = await t.Database.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static async Task<Dictionary<string, long>> AllCountsAsync(TestDatabase t)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "regions", "internal_zones", "member_zones", "offerings", "services", "budgets", "users" })
            counts[table] = await CountAsync(t, table);
        return counts;
    }
}

public sealed class SqliteStorageTests() : StorageSuite(new SqliteDatabases());

public sealed class PostgresStorageTests() : StorageSuite(new PostgresDatabases());
