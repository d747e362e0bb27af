using CapacityConsole.Scale;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// Every list call (requests, audit, resources, batches, budgets, and the admin page's services, users
/// and API keys) reads a fixed number of rows however large the tables grow (issue 15): with 100,000
/// audit events and 20,000 resources, most of them on one hot request and one hot budget, and 12,000
/// each of services, users and API keys, each call stays within its budget of rows read —
/// what its count may read (<see cref="PageRequest.CountLimit"/> + 1) plus the index entries up to the
/// end of its page and the page's own rows — counted by PostgreSQL's EXPLAIN ANALYZE, not timed. SQLite cannot count rows read, so
/// there the same calls are checked for full scans of resources or audit events and for their answers.
/// </summary>
public abstract class ListRowBudgetSuite(ITestDatabaseFactory databases)
{
    private const int AuditEvents = 100_000;
    private const int Resources = 20_000;
    private const int Budgets = 5_000;
    private const int Catalogue = 12_000;
    /// <summary>Index pages and ties of the sort order a plan may read past its last row.</summary>
    private const int Slack = 100;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EveryListCall_At100000AuditEvents_ReadsAFixedNumberOfRows()
    {
        await using var t = await databases.CreateAsync();
        var filled = await FillAsync(t.Database);
        var explaining = new ExplainingDialect(t.Database.Dialect, analyze: true);
        var db = new Database(explaining);
        var requests = new RequestRepository(db);
        var audit = new AuditLog(db, _clock);
        var provisioning = new ProvisioningRepository(db);
        var budgets = new BudgetRepository(db);
        var services = new ServiceRepository(db);
        var users = new Scheduler.Access.UserRepository(db);
        var keys = new Scheduler.Access.ApiKeyRepository(db);
        var order = (await new ProvisioningRepository(t.Database).GetOrderAsync(filled.HotRequest))!;
        var hotRequest = filled.HotRequest.ToString();
        var first = PageRequest.First(50);
        var deep = new PageRequest(20, PageRequest.MaxSize); // the deepest page a list reaches: rows 9,501–10,000

        var calls = new List<(string Name, PageRequest Page, Func<Task<IPageInfo>> Call)>
        {
            ("requests, page 1", first, async () => await requests.PageAsync(new RequestFilter(), first)),
            ("requests, Active, page 2", new(2, 25), async () => await requests.PageAsync(new RequestFilter(State: RequestState.Active), new PageRequest(2, 25))),
            ("requests waiting (approval queue)", PageRequest.First(10), async () => await requests.PageInStatesAsync([RequestState.Submitted], PageRequest.First(10))),
            ("audit, hot request, page 1", first, async () => await audit.PageAsync("CoreQuotaRequest", hotRequest, first)),
            ("audit, hot request, deepest page", deep, async () => await audit.PageAsync("CoreQuotaRequest", hotRequest, deep)),
            ("audit, hot budget, newest first, page 10", new(10, 50), async () => await audit.PageAsync("Budget", filled.HotBudget.ToString(), new PageRequest(10, 50), newestFirst: true)),
            ("audit, a quiet entity", first, async () => await audit.PageAsync("CoreQuotaRequest", "bulk-5", first)),
            ("resources, hot request, page 1", first, async () => await provisioning.PageResourcesAsync(filled.HotRequest, first)),
            ("resources, hot request, Running, page 3", new(3, 50), async () => await provisioning.PageResourcesAsync(filled.HotRequest, new PageRequest(3, 50), ResourceState.Running)),
            ("resources, hot request, deepest page", deep, async () => await provisioning.PageResourcesAsync(filled.HotRequest, deep)),
            ("batches of the hot order", first, async () => await provisioning.PageBatchesAsync(order.Id, first)),
            ("budgets, page 1", first, async () => await budgets.PageAsync(new BudgetFilter(), first)),
            ("budgets, Approved, page 5", new(5, 50), async () => await budgets.PageAsync(new BudgetFilter(BudgetState.Approved), new PageRequest(5, 50))),
            ("services, page 1", first, async () => await services.PageAsync(null, first)),
            ("services, page 40", new(40, 25), async () => await services.PageAsync(null, new PageRequest(40, 25))),
            ("users, page 3", new(3, 50), async () => await users.PageAsync(null, new PageRequest(3, 50))),
            ("API keys, newest first, page 1", first, async () => await keys.PageAsync(new Scheduler.Access.ApiKeyFilter(), first)),
            ("API keys, active, page 4", new(4, 50), async () => await keys.PageAsync(new Scheduler.Access.ApiKeyFilter(Revoked: false), new PageRequest(4, 50))),
        };

        var report = new List<string>();
        var over = new List<string>();
        var results = new Dictionary<string, IPageInfo>();
        foreach (var (name, page, call) in calls)
        {
            explaining.Clear();
            results[name] = await call();
            var queries = explaining.Queries;
            Assert.Equal(2, queries.Count); // the count and the page, nothing else
            if (explaining.Provider == StorageProvider.Postgres)
            {
                var read = queries.Sum(RowsRead.Of);
                var budget = PageRequest.CountLimit + 1 + page.Offset + 2 * page.EffectiveSize + Slack;
                report.Add($"{name}: {read:N0} rows read (budget {budget:N0})");
                if (read > budget)
                    over.Add($"{name} read {read:N0} rows, over its budget of {budget:N0}:\n" +
                        string.Join("\n", queries.Select(q => $"{RowsRead.Of(q):N0} rows: {q.Sql}\n{string.Concat(q.Plan)}")));
            }
            else
            {
                var scans = queries.SelectMany(q => QueryPlanSuite.FullScans(q, explaining.Provider)).ToList();
                Assert.True(scans.Count == 0, $"{name}: {string.Join(", ", scans)}");
            }
        }

        Assert.True(over.Count == 0, string.Join("\n", report) + "\n\n" + string.Join("\n\n", over));

        // The control: the uncounted COUNT(*) these calls used to run is caught — over budget on
        // PostgreSQL, and on SQLite reading the whole index range of the hot request (checked by its plan).
        explaining.Clear();
        await using (var c = await db.OpenAsync())
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM resources WHERE request_id = @hot AND instance_type <> ''", new { hot = filled.HotRequest });
        if (explaining.Provider == StorageProvider.Postgres)
            Assert.True(RowsRead.Of(explaining.Queries.Single()) > PageRequest.CountLimit + 1 + 2 * first.EffectiveSize + Slack,
                $"The control read only {RowsRead.Of(explaining.Queries.Single()):N0} rows.");

        // The answers: totals exact up to the limit and a lower bound past it, pages full.
        var hotTrail = results["audit, hot request, deepest page"];
        Assert.Equal((PageRequest.CountLimit, true), (hotTrail.Total, hotTrail.TotalIsLowerBound));
        Assert.Equal((PageRequest.CountLimit, true), (results["resources, hot request, page 1"].Total, results["resources, hot request, page 1"].TotalIsLowerBound));
        var quiet = results["audit, a quiet entity"];
        Assert.Equal((Enumerable.Range(1, AuditEvents).Count(g => g % 3 == 2 && g % 997 == 5), false), ((int)quiet.Total, quiet.TotalIsLowerBound));
        Assert.True(results["budgets, page 1"].Total > Budgets);
        Assert.Equal(filled.Requests + _demoRequests, results["requests, page 1"].Total);
        Assert.Equal((PageRequest.CountLimit, true), (results["services, page 1"].Total, results["services, page 1"].TotalIsLowerBound));
        Assert.Equal((Catalogue / 6, false), (results["API keys, active, page 4"].Total, results["API keys, active, page 4"].TotalIsLowerBound));
    }

    [Fact]
    public async Task APage_StartingPastTheCountLimit_IsRefused_NamingThePage()
    {
        await using var t = await databases.CreateAsync();
        var audit = new AuditLog(t.Database, _clock);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => audit.PageAsync("Budget", "any", new PageRequest(21, PageRequest.MaxSize)));

        Assert.Contains("page", error.Errors.Keys);
        Assert.Contains("10,000", error.Errors["page"].Single());
    }

    private long _demoRequests;

    private async Task<ScaleFilled> FillAsync(Database database)
    {
        await new DemoSeeder(database, new TopologyRepository(database), new ServiceRepository(database), new BudgetRepository(database),
            new Scheduler.Access.UserRepository(database), new Scheduler.Access.UserPasswords(), Options.Create(new DemoOptions { Password = "demo-password-1" }), _clock, [])
            .SeedAsync();
        await using (var c = await database.OpenAsync()) _demoRequests = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM core_quota_requests");
        var filled = await ScaleFill.FillAsync(database, new ScaleShape(91, 58, 640, 576, 320), _clock.GetUtcNow());
        await BulkFill.AddAsync(database, filled, AuditEvents, Resources, Budgets, _clock.GetUtcNow().AddDays(-30));
        await BulkFill.AddCatalogueAsync(database, Catalogue, Catalogue, Catalogue, _clock.GetUtcNow().AddDays(-30));
        return filled;
    }
}

public sealed class SqliteListRowBudgetTests() : ListRowBudgetSuite(new SqliteDatabases());

public sealed class PostgresListRowBudgetTests() : ListRowBudgetSuite(new PostgresDatabases());
