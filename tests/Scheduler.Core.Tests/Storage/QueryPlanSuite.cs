using System.Text.RegularExpressions;
using CapacityConsole.Scale;
using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Dapper;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// Every query the jobs and pages run on resources and audit events is answered through an index
/// on both databases (issue 16: the reconciler, sampler, lead-time history and zone overview read
/// every resource). The queries are the repositories' own, captured as they run against a filled
/// database, and EXPLAINed by that database.
/// </summary>
public abstract partial class QueryPlanSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task JobAndPageQueries_NeverScanAllResourcesOrAuditEvents()
    {
        await using var t = await databases.CreateAsync();
        var filled = await FillAsync(t);
        var explaining = new ExplainingDialect(t.Database.Dialect);
        var db = new Database(explaining);
        await RunJobAndPageQueriesAsync(db, filled);

        var touching = explaining.Queries.Where(q => Tables.IsMatch(q.Sql)).ToList();
        Assert.True(touching.Count >= 15, $"Only {touching.Count} queries on resources or audit events were captured.");
        var scans = touching.Select(q => (q.Sql, Scans: FullScans(q, explaining.Provider))).Where(q => q.Scans.Count > 0).ToList();
        Assert.True(scans.Count == 0, "Full scans:\n" + string.Join("\n\n", scans.Select(s => $"{string.Join(", ", s.Scans)} in:\n{s.Sql}")));
    }

    [Fact]
    public async Task FullScanCheck_FlagsAQueryNoIndexServes()
    {
        await using var t = await databases.CreateAsync();
        await FillAsync(t);
        var explaining = new ExplainingDialect(t.Database.Dialect);
        await using (var c = await new Database(explaining).OpenAsync())
        {
            await c.QueryAsync("SELECT id FROM resources WHERE instance_type = @type", new { type = "ecs.c7.2xlarge" });
            await c.QueryAsync("SELECT a.id FROM audit_events a WHERE a.actor = @actor", new { actor = "planner" });
        }
        var scans = explaining.Queries.Select(q => FullScans(q, explaining.Provider)).ToList();
        Assert.Equal(2, scans.Count);
        Assert.All(scans, s => Assert.NotEmpty(s));
    }

    [Fact]
    public async Task SampledTrail_KeepsAboutTheAskedNumberOfEvents_InOrder_WithTheNewest()
    {
        await using var t = await databases.CreateAsync();
        var filled = await FillAsync(t);
        var audit = new AuditLog(t.Database, _clock);
        var all = await audit.ListAsync("Budget", filled.HotBudget.ToString());

        var sampled = await audit.ListSampledAsync("Budget", filled.HotBudget.ToString(), 20);

        Assert.True(all.Count > 60, $"only {all.Count} events");
        Assert.InRange(sampled.Count, 10, 30);
        Assert.Equal(all[^1].Id, sampled[^1].Id);
        Assert.Equal(sampled.OrderBy(e => all.ToList().FindIndex(a => a.Id == e.Id)).Select(e => e.Id), sampled.Select(e => e.Id));
    }

    private async Task<ScaleFilled> FillAsync(TestDatabase t)
    {
        await new DemoSeeder(t.Database, new TopologyRepository(t.Database), new ServiceRepository(t.Database), new BudgetRepository(t.Database),
            new Scheduler.Access.UserRepository(t.Database), new Scheduler.Access.UserPasswords(), Options.Create(new DemoOptions { Password = "demo-password-1" }), _clock, [])
            .SeedAsync();
        // A tenth of the measured week: enough rows that a scan and a search differ, quick on both databases.
        return await ScaleFill.FillAsync(t.Database, new ScaleShape(91, 58, 640, 576, 320), _clock.GetUtcNow());
    }

    /// <summary>The reads of the reconciler, the capacity sampler, the lead-time estimate, the approval queue and every paged page.</summary>
    private async Task RunJobAndPageQueriesAsync(Database db, ScaleFilled filled)
    {
        var requests = new RequestRepository(db);
        var provisioning = new ProvisioningRepository(db);
        var audit = new AuditLog(db, _clock);
        var plans = new PlanRepository(db);
        var topology = new TopologyRepository(db);
        var previews = new ApprovalPreviewRepository(db);
        var first = PageRequest.First(25);

        // Reconciler and sampler passes.
        var open = await requests.ListInStatesAsync([RequestState.Scheduled, RequestState.Provisioning, RequestState.Active, RequestState.Releasing, RequestState.Failed]);
        await provisioning.ListLiveResourcesAsync();
        await provisioning.ListInFlightBatchIdsAsync();
        await new CapacitySampler(db, topology, provisioning, requests, new CapacitySampleRepository(db), new LiveNotifier(NullLogger<LiveNotifier>.Instance),
            Options.Create(new CapacityOptions()), _clock).SampleAsync();
        // Lead-time history, zone overview (dashboard), on-call's running events.
        await new LeadTimeHistory(db).LearnAsync(20);
        await new ZoneOverviewQuery(db, topology, _clock).GetAsync();
        var running = open.Select(r => r.Id).Take(20).ToList();
        await plans.PlannedCoresAsync(running);
        await provisioning.LiveCoresByZoneAsync(running);
        // Request details: resources, counts, batches, timeline, audit, held cores; budget details.
        var order = await provisioning.GetOrderAsync(filled.HotRequest);
        await provisioning.PageBatchesAsync(order!.Id, first);
        await provisioning.ListRecentEventsAsync(order.Id, 100);
        await provisioning.PageResourcesAsync(filled.HotRequest, first);
        await provisioning.PageResourcesAsync(filled.HotRequest, new PageRequest(3, 25), ResourceState.Running);
        await provisioning.CountResourcesAsync(filled.HotRequest);
        await provisioning.HeldCoresAsync(filled.HotRequest);
        await provisioning.ListResourcesAsync(filled.HotRequest);
        await plans.GetCurrentAsync(filled.HotRequest);
        await audit.PageAsync("CoreQuotaRequest", filled.HotRequest.ToString(), first);
        await audit.PageAsync("Budget", filled.HotBudget.ToString(), new PageRequest(2, 25), newestFirst: true);
        await audit.ListAsync("Budget", filled.HotBudget.ToString());
        await audit.ListSampledAsync("Budget", filled.HotBudget.ToString(), 20);
        // Request lists and the approval queue.
        await requests.PageAsync(new RequestFilter(), first);
        await requests.PageAsync(new RequestFilter(BudgetId: filled.HotBudget), first);
        await requests.PageAsync(new RequestFilter(State: RequestState.Active), first);
        await requests.PageInStatesAsync([RequestState.Submitted], first);
        await previews.GetManyAsync(running);
        await previews.HistoryVersionAsync();
    }

    private static readonly Regex Tables = TablesRegex();

    /// <summary>The scans of all of resources or audit_events in a plan (a search through an index is fine).</summary>
    internal static IReadOnlyList<string> FullScans(ExplainedQuery query, StorageProvider provider)
    {
        if (provider == StorageProvider.Sqlite)
        {
            // SQLite names a table by its alias in the plan: "SCAN r" for "resources r".
            var names = new HashSet<string>(["resources", "audit_events"], StringComparer.OrdinalIgnoreCase);
            foreach (Match m in AliasRegex().Matches(query.Sql))
                if (!Keywords.Contains(m.Groups[2].Value)) names.Add(m.Groups[2].Value);
            return query.Plan.Where(line => ScanRegex().Match(line) is { Success: true } m && names.Contains(m.Groups[1].Value)).ToList();
        }
        // PostgreSQL: a Seq Scan, or an index scan with no condition (the whole index), of either table.
        var scans = new List<string>();
        for (var i = 0; i < query.Plan.Count; i++)
        {
            var line = query.Plan[i];
            if (!PgScanRegex().IsMatch(line)) continue;
            if (line.Contains("Seq Scan", StringComparison.Ordinal)) { scans.Add(line.Trim()); continue; }
            var details = query.Plan.Skip(i + 1).TakeWhile(l => !l.Contains("->", StringComparison.Ordinal));
            if (!details.Any(l => l.Contains("Index Cond", StringComparison.Ordinal) || l.Contains("Recheck Cond", StringComparison.Ordinal)))
                scans.Add(line.Trim());
        }
        return scans;
    }

    private static readonly HashSet<string> Keywords = new(["WHERE", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "SET", "AS", "INNER", "LEFT"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(resources|audit_events)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TablesRegex();

    [GeneratedRegex(@"\b(resources|audit_events)\s+(?:AS\s+)?([a-z_]\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex AliasRegex();

    [GeneratedRegex(@"^\s*SCAN (\w+)")]
    private static partial Regex ScanRegex();

    [GeneratedRegex(@"Scan.* on (resources|audit_events)\b")]
    private static partial Regex PgScanRegex();
}

public sealed class SqliteQueryPlanTests() : QueryPlanSuite(new SqliteDatabases());

public sealed class PostgresQueryPlanTests() : QueryPlanSuite(new PostgresDatabases());
