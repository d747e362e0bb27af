using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>
/// Stock you can stand on (issue 13) through the database: an offering's stock kind and category are
/// stored, an approved plan keeps which cores were confirmed and which expected, and what fulfilments
/// taught outlives a restart — on SQLite and on PostgreSQL.
/// </summary>
public abstract class StockConfidenceSuite(ITestDatabaseFactory databases)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private static readonly string[] CloudZones = ["cn-beijing-h", "cn-beijing-i", "cn-beijing-j", "cn-beijing-k", "cn-beijing-l"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private sealed class NoJobs : IJobScheduler
    {
        public void SchedulePrewarm(Guid requestId, DateTimeOffset at) { }
        public void ScheduleRelease(Guid requestId, DateTimeOffset at) { }
    }

    [Fact]
    public async Task ApprovedPlan_KeepsWhichCoresWereConfirmed_AndWhichExpectedFromReportedStock()
    {
        await using var t = await databases.CreateAsync();
        var db = t.Database;
        var (topology, plans) = (new TopologyRepository(db), new PlanRepository(db));
        var audit = new AuditLog(db, _clock);
        var budgets = new BudgetRepository(db);
        var services = new ServiceRepository(db);
        await new DemoSeeder(db, topology, services, budgets, new UserRepository(db), new UserPasswords(),
            Options.Create(new DemoOptions { Password = "demo-password" }), _clock, []).SeedAsync();
        await topology.UpsertOfferingsAsync(CloudZones.Select(z => new Offering($"{z}/ecs.c7.8xlarge", z, ProviderKind.AlibabaCloud,
            "ecs.c7.8xlarge", "ecs.c7", 32, 2.5m, 1000, _clock.GetUtcNow())
        {
            StockKind = StockKind.Reported, StockCategory = ReportedStockCategory.WithStock,
        }));
        var stored = (await topology.GetSnapshotAsync()).Offerings.Single(o => o.Id == "cn-beijing-h/ecs.c7.8xlarge");
        Assert.Equal((StockKind.Reported, ReportedStockCategory.WithStock, 1000), (stored.StockKind, stored.StockCategory, stored.Stock));
        Assert.All((await topology.GetSnapshotAsync()).Offerings.Where(o => o.Provider == ProviderKind.Idc),
            o => Assert.Equal((StockKind.Counted, (ReportedStockCategory?)null), (o.StockKind, o.StockCategory)));

        // A batch delivered 3 units in cn-beijing-h a few minutes ago: 96 of its cores stand confirmed.
        var learned = new LearnedStock(TimeSpan.FromHours(1));
        learned.Record("cn-beijing-h", "ecs.c7.8xlarge", 3, 3, _clock.GetUtcNow().AddMinutes(-5));
        var planning = new PlanningService(new Planner(), topology, new StockoutMemory(TimeSpan.FromMinutes(5)), Options.Create(PlannerOptions.Default),
            Options.Create(new SchedulingOptions()), _clock, learned);
        var requests = new RequestService(db, new RequestRepository(db), services, budgets, new BudgetService(db, budgets, audit, _clock), plans,
            planning, audit, new NoJobs(), _clock);
        var owner = new Actor("owner", "trade", Role.ServiceOwner);
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("order-submit", 960, "cn-beijing", [], _clock.GetUtcNow().AddHours(3),
            _clock.GetUtcNow().AddHours(7), TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak"), owner, submit: true);

        await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), "go");

        var plan = (await plans.GetCurrentAsync(filed.Id))!;
        var h = Assert.Single(plan.Allocations, a => a.MemberZoneId == "cn-beijing-h");
        Assert.Equal((StockBasis.Assumed, 96), (h.StockBasis, h.ConfirmedCores));
        Assert.All(plan.Allocations.Where(a => a.MemberZoneId != "cn-beijing-h"), a => Assert.Equal(0, a.ConfirmedCores));
        Assert.Equal((96, plan.PlannedCores - 96), (plan.ConfirmedCores, plan.ExpectedCores));
        Assert.StartsWith("96 confirmed · ", plan.StockSummary);
    }

    [Fact]
    public async Task LearnedCapsAndDeliveries_OutliveARestart()
    {
        await using var t = await databases.CreateAsync();
        var before = new LearnedStock(TimeSpan.FromHours(1));
        before.Record("cn-beijing-h", "ecs.c7.8xlarge", requested: 100, delivered: 40, _clock.GetUtcNow());
        await new LearnedStockSync(t.Database.Dialect, before, _clock, NullLogger<LearnedStockSync>.Instance).SyncOnceAsync();

        // A new process: nothing in memory until its first exchange reads what the last one stored.
        var after = new LearnedStock(TimeSpan.FromHours(1));
        Assert.Null(after.CapAt("cn-beijing-h", "ecs.c7.8xlarge", _clock.GetUtcNow()));
        await new LearnedStockSync(t.Database.Dialect, after, _clock, NullLogger<LearnedStockSync>.Instance).SyncOnceAsync();

        Assert.Equal(40, after.CapAt("cn-beijing-h", "ecs.c7.8xlarge", _clock.GetUtcNow()));
        Assert.Equal(40, after.DeliveredAt("cn-beijing-h", "ecs.c7.8xlarge", _clock.GetUtcNow()));
        Assert.Null(after.CapAt("cn-beijing-i", "ecs.c7.8xlarge", _clock.GetUtcNow()));
    }
}

public sealed class SqliteStockConfidenceTests() : StockConfidenceSuite(new SqliteDatabases());

public sealed class PostgresStockConfidenceTests() : StockConfidenceSuite(new PostgresDatabases());
