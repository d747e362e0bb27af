using System.Text.RegularExpressions;
using CapacityConsole.Scale;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// The dashboard and the capacity sampler read the live state they show, never the history behind it
/// (issue 15, point 4): the same live state is filled twice, once alone and once with 50× its history
/// (finished requests with their plans, released resources, audit events, older capacity samples), and
/// the rows each pass reads on PostgreSQL — counted by EXPLAIN ANALYZE, heap fetches included — may be
/// at most three times those read without history: where a scan of the small table reads a live row
/// once, an index-only scan of the large one reads its index entry and, on a page changed since the
/// last vacuum, its current and its older version (the live resources are updated once after the fill,
/// as a running flash sale leaves them). Reading history at all would read 50 times as much. SQLite
/// cannot count rows read: there no query of the passes may scan a table that holds history.
/// </summary>
public abstract partial class HistoryRowBudgetSuite(ITestDatabaseFactory databases)
{
    private const int History = 50;
    /// <summary>Index pages, ties and the topology's small tables a plan may read besides.</summary>
    private const int Slack = 100;
    private static readonly ScaleShape Live = new(91, 58, 640, 576, 320);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DashboardAndSamplerPasses_With50TimesTheHistory_ReadNoMoreThanWithout()
    {
        await using var alone = await databases.CreateAsync();
        await using var withHistory = await databases.CreateAsync();
        await FillAsync(alone.Database, history: false);
        await FillAsync(withHistory.Database, history: true);

        var without = await RunPassesAsync(alone.Database);
        var with = await RunPassesAsync(withHistory.Database);

        if (withHistory.Database.Dialect.Provider == StorageProvider.Postgres)
        {
            var report = new List<string>();
            var over = new List<string>();
            foreach (var (pass, queries) in with)
            {
                var (read, before) = (queries.Sum(RowsRead.Of), without[pass].Sum(RowsRead.Of));
                var budget = 3 * before + Slack;
                report.Add($"{pass}: {read:N0} rows read with history, {before:N0} without (budget {budget:N0})");
                if (read > budget)
                    over.Add($"{pass} read {read:N0} rows with {History}× the history, over {budget:N0}:\n" +
                        string.Join("\n", queries.Select(q => $"{RowsRead.Of(q):N0} rows: {q.Sql}\n{string.Concat(q.Plan)}")));
            }
            Assert.True(over.Count == 0, string.Join("\n", report) + "\n\n" + string.Join("\n\n", over));

            // The control: the glance's sum as it was before migration 0023 (bounded only by each
            // offering's own refresh, a column of the joined table) reads every resource ever recorded.
            var explaining = new ExplainingDialect(withHistory.Database.Dialect, analyze: true);
            await using (var c = await new Database(explaining).OpenAsync())
                await c.QueryAsync(UnboundedGlanceSum);
            var control = RowsRead.Of(explaining.Queries.Single());
            var dashboardBudget = 3 * without["dashboard"].Sum(RowsRead.Of) + Slack;
            Assert.True(control > dashboardBudget, $"The control read only {control:N0} rows (dashboard budget {dashboardBudget:N0}).");
        }
        else
        {
            var scans = with.SelectMany(p => p.Value.SelectMany(q => HistoryScans(q).Select(s => $"{p.Key}: {s} in\n{q.Sql}"))).ToList();
            Assert.True(scans.Count == 0, "Scans of tables with history:\n" + string.Join("\n\n", scans));
            var explaining = new ExplainingDialect(withHistory.Database.Dialect);
            await using (var c = await new Database(explaining).OpenAsync())
                await c.QueryAsync(UnboundedGlanceSum);
            Assert.NotEmpty(HistoryScans(explaining.Queries.Single()));
        }
    }

    private const string UnboundedGlanceSum =
        """
        SELECT r.member_zone_id, SUM(r.cores) FROM resources r JOIN offerings o ON o.id = r.offering_id
        WHERE o.price_per_hour IS NOT NULL AND o.provider = 'Idc' AND (r.created_at > o.refreshed_at OR r.released_at > o.refreshed_at)
        GROUP BY r.member_zone_id
        """;

    /// <summary>The queries of each pass, as the console runs them, EXPLAINed (PostgreSQL: with ANALYZE).</summary>
    private async Task<Dictionary<string, IReadOnlyList<ExplainedQuery>>> RunPassesAsync(Database database)
    {
        var explaining = new ExplainingDialect(database.Dialect, analyze: database.Dialect.Provider == StorageProvider.Postgres);
        var db = new Database(explaining);
        var topology = new TopologyRepository(db);
        var requests = new RequestRepository(db);
        var samples = new CapacitySampleRepository(db);
        var now = _clock.GetUtcNow();
        var passes = new Dictionary<string, IReadOnlyList<ExplainedQuery>>();

        // What Dashboard.razor.cs reads on load.
        var overview = await new ZoneOverviewQuery(db, topology, _clock).GetAsync();
        await new ZoneGlanceQuery(db).GetAsync(overview);
        var active = await requests.PageInStatesAsync([RequestState.Provisioning, RequestState.Active, RequestState.Releasing], PageRequest.First(8));
        var upcoming = await requests.PageInStatesAsync([RequestState.Submitted, RequestState.Approved, RequestState.Scheduled], PageRequest.First(8));
        await new ServiceRepository(db).NamesAsync(active.Items.Concat(upcoming.Items).Select(r => r.ServiceId));
        var latest = await samples.ListAsync(now - TimeSpan.FromMinutes(5), now.AddSeconds(1));
        Assert.NotEmpty(latest);
        passes["dashboard"] = explaining.Queries;

        explaining.Clear();
        var taken = await new CapacitySampler(db, topology, new ProvisioningRepository(db), requests, samples,
            new LiveNotifier(NullLogger<LiveNotifier>.Instance), Options.Create(new CapacityOptions()), _clock).SampleAsync();
        Assert.Contains(taken, s => s.AllocatedCores > 0);
        passes["capacity sampler"] = explaining.Queries;
        return passes;
    }

    private async Task FillAsync(Database database, bool history)
    {
        await new DemoSeeder(database, new TopologyRepository(database), new ServiceRepository(database), new BudgetRepository(database),
            new Scheduler.Access.UserRepository(database), new Scheduler.Access.UserPasswords(), Options.Create(new DemoOptions { Password = "demo-password-1" }), _clock, [])
            .SeedAsync();
        var now = _clock.GetUtcNow();
        await ScaleFill.FillAsync(database, Live, now);
        // Without history, the live state's own hour of samples (as many fall in the dashboard's window).
        if (history) await HistoryFill.AddAsync(database, Live.Requests * History, Live.Resources * History, Live.AuditEvents * History, 60 * History, now);
        else await HistoryFill.AddAsync(database, 0, 0, 0, 60, now);
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync("UPDATE resources SET running_at = running_at WHERE state <> 'Released'");
    }

    /// <summary>SQLite: the plan lines that scan a table holding history (a search through an index is fine).</summary>
    private static IEnumerable<string> HistoryScans(ExplainedQuery query)
    {
        var names = new HashSet<string>(HistoryTables, StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AliasRegex().Matches(query.Sql))
            if (!Keywords.Contains(m.Groups[2].Value)) names.Add(m.Groups[2].Value);
        return query.Plan.Where(line => ScanRegex().Match(line) is { Success: true } m && names.Contains(m.Groups[1].Value));
    }

    private static readonly string[] HistoryTables = ["resources", "audit_events", "core_quota_requests", "capacity_samples", "plans", "allocations"];
    private static readonly HashSet<string> Keywords = new(["WHERE", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "SET", "AS", "INNER", "LEFT"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(resources|audit_events|core_quota_requests|capacity_samples|plans|allocations)\s+(?:AS\s+)?([a-z_]\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex AliasRegex();

    [GeneratedRegex(@"^\s*SCAN (\w+)")]
    private static partial Regex ScanRegex();
}

public sealed class SqliteHistoryRowBudgetTests() : HistoryRowBudgetSuite(new SqliteDatabases());

public sealed class PostgresHistoryRowBudgetTests() : HistoryRowBudgetSuite(new PostgresDatabases());
