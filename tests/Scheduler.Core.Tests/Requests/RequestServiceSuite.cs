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
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Requests;

/// <summary>Filing and approving requests against the seeded demo topology, on SQLite and on PostgreSQL.</summary>
public abstract class RequestServiceSuite(ITestDatabaseFactory databases)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _owner = new("owner", "trade", Role.ServiceOwner);
    private readonly Actor _planner = new("planner", null, Role.Planner);

    private sealed class RecordingJobs : IJobScheduler
    {
        public List<(Guid, DateTimeOffset)> Prewarms { get; } = [];
        public void SchedulePrewarm(Guid requestId, DateTimeOffset at) => Prewarms.Add((requestId, at));
        public void ScheduleRelease(Guid requestId, DateTimeOffset at) { }
    }

    private sealed record Setup(RequestService Service, BudgetRepository Budgets, RequestRepository Requests, PlanRepository Plans, AuditLog Audit, RecordingJobs Jobs);

    private async Task<Setup> SetUpAsync(Database db)
    {
        var (topology, services, budgets, requests, plans, audit) =
            (new TopologyRepository(db), new ServiceRepository(db), new BudgetRepository(db), new RequestRepository(db), new PlanRepository(db), new AuditLog(db, _clock));
        await new DemoSeeder(db, topology, services, budgets, new UserRepository(db), new UserPasswords(),
            Options.Create(new DemoOptions { Password = "demo-password" }), _clock, []).SeedAsync();
        var planning = new PlanningService(new Planner(), topology, new StockoutMemory(TimeSpan.FromMinutes(5)), Options.Create(PlannerOptions.Default),
            Options.Create(new SchedulingOptions()), _clock);
        var jobs = new RecordingJobs();
        var service = new RequestService(db, requests, services, budgets, new BudgetService(db, budgets, audit, _clock), plans, planning, audit, jobs, _clock);
        return new Setup(service, budgets, requests, plans, audit, jobs);
    }

    private NewCoreQuotaRequest Input(int cores = 960, string service = "order-submit", Guid? budget = null) => new(
        service, cores, "cn-beijing", [], _clock.GetUtcNow().AddHours(3), _clock.GetUtcNow().AddHours(7),
        TimeSpan.FromMinutes(30), budget ?? FlashSaleBudget, "Double 12 peak");

    [Fact]
    public async Task Approve_StoresThePlansReasons_AndTheStoredPlanReturnsThemInOrder()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var filed = await s.Service.FileAsync(Input(), _owner, submit: true);

        await s.Service.ApproveAsync(filed.Id, _planner, "go");

        var plan = (await s.Plans.GetCurrentAsync(filed.Id))!;
        Assert.NotEmpty(plan.Reasons);
        // The demo seed has the IDC halls' offerings but no cloud stock until a refresh reads it: that comes first.
        Assert.Equal([PlanReasonKind.StockNotRead, PlanReasonKind.CloudFirst], plan.Reasons.Take(2).Select(r => r.Kind));
        var spread = Assert.Single(plan.Reasons, r => r.Kind == PlanReasonKind.Spread);
        Assert.Contains("N+1", spread.Text);
        Assert.Contains(plan.PlannedCores.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " planned", spread.Text);
    }

    [Fact]
    public async Task Approve_PlansCommitsTheEstimateAndSchedulesThePrewarm()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var filed = await s.Service.FileAsync(Input(), _owner, submit: true);

        var approved = await s.Service.ApproveAsync(filed.Id, _planner, "go");

        var plan = await s.Plans.GetCurrentAsync(filed.Id);
        Assert.NotNull(plan);
        Assert.True(plan.PlannedCores >= 960);
        Assert.Equal(RequestState.Scheduled, approved.State);
        Assert.Equal(plan.EstimatedTotal, approved.CommittedAmount);
        Assert.Equal(plan.EstimatedTotal, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
        Assert.Equal([(filed.Id, filed.WindowStart.AddMinutes(-30))], s.Jobs.Prewarms);
        var trail = await s.Audit.ListAsync("CoreQuotaRequest", filed.Id.ToString());
        Assert.Equal(["File and submit", "Approve"], trail.Select(e => e.Action));
    }

    [Fact]
    public async Task Approve_Fails_WhenRequesterIsApprover_AndChangesNothing()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var both = new Actor("owner", "trade", Role.ServiceOwner | Role.Planner);
        var filed = await s.Service.FileAsync(Input(), both, submit: true);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Service.ApproveAsync(filed.Id, both, null));

        Assert.Equal(RequestState.Submitted, (await s.Requests.GetAsync(filed.Id)).State);
        Assert.Equal(0m, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
        Assert.Null(await s.Plans.GetCurrentAsync(filed.Id));
        Assert.Empty(s.Jobs.Prewarms);
    }

    [Fact]
    public async Task Approve_IsRefused_WhenThePlanFallsShort_AndChangesNothing()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        // The demo budget cannot pay for two million cores for four hours.
        var filed = await s.Service.FileAsync(Input(cores: 2_000_000), _owner, submit: true);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Service.ApproveAsync(filed.Id, _planner, null));

        Assert.Contains("short of", e.Message);
        Assert.Equal(RequestState.Submitted, (await s.Requests.GetAsync(filed.Id)).State);
        Assert.Equal(0m, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
    }

    [Fact]
    public async Task Approve_AShortPlan_WithItsShortfallConfirmed_ApprovesAndCommitsTheShortPlansEstimate()
    {
        // Issue 14: a shortfall is a decision the planner may take, explicitly.
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var filed = await s.Service.FileAsync(Input(cores: 2_000_000), _owner, submit: true);
        var preview = await s.Service.PreviewAsync(filed.Id);
        Assert.True(preview.ShortfallCores > 0);

        var approved = await s.Service.ApproveAsync(filed.Id, _planner, "half is better than none", preview.ShortfallCores);

        Assert.Equal(RequestState.Scheduled, approved.State);
        Assert.Equal(preview.EstimatedTotal, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
        Assert.Equal(preview.ShortfallCores, (await s.Plans.GetCurrentAsync(filed.Id))!.ShortfallCores);
    }

    [Fact]
    public async Task Approve_IsRefused_WhenThePlanIsShorterThanTheConfirmedShortfall_AndChangesNothing()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var filed = await s.Service.FileAsync(Input(cores: 2_000_000), _owner, submit: true);
        var preview = await s.Service.PreviewAsync(filed.Id);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Service.ApproveAsync(filed.Id, _planner, null, preview.ShortfallCores - 1));
        var negative = await Assert.ThrowsAsync<DomainValidationException>(() => s.Service.ApproveAsync(filed.Id, _planner, null, -5));

        Assert.Contains("more than the", e.Message);
        Assert.Contains("AcceptedShortfallCores", negative.Errors.Keys);
        Assert.Equal(RequestState.Submitted, (await s.Requests.GetAsync(filed.Id)).State);
        Assert.Equal(0m, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
    }

    [Fact]
    public async Task Cancel_ReturnsTheCommitmentToTheBudget()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var filed = await s.Service.FileAsync(Input(), _owner, submit: true);
        await s.Service.ApproveAsync(filed.Id, _planner, null);

        var cancelled = await s.Service.CancelAsync(filed.Id, _owner);

        Assert.Equal(RequestState.Cancelled, cancelled.State);
        Assert.Equal(0m, (await s.Budgets.GetAsync(FlashSaleBudget)).Committed);
    }

    [Fact]
    public async Task File_IsRefused_ForAnotherTeamsService()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Service.FileAsync(Input(service: "live-room-gateway"), _owner, submit: true));
        Assert.Empty(await s.Requests.ListAsync());
    }

    [Fact]
    public async Task File_IsRefused_ForABudgetOfAnotherCostCenterOrNotApproved()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var liveBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000002");
        var pendingBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000003");

        var other = await Assert.ThrowsAsync<DomainValidationException>(() => s.Service.FileAsync(Input(budget: liveBudget), _owner, true));
        var pending = await Assert.ThrowsAsync<DomainValidationException>(() => s.Service.FileAsync(Input(budget: pendingBudget), _owner, true));

        Assert.Contains("BudgetId", other.Errors.Keys);
        Assert.Contains("CC-LIVE", other.Message);
        Assert.Contains("PendingApproval", pending.Message);
        Assert.Empty(await s.Requests.ListAsync());
    }

    [Fact]
    public async Task Preview_RefusesAnUnknownZone_NamingTheField()
    {
        await using var t = await databases.CreateAsync();
        var s = await SetUpAsync(t.Database);
        var e = await Assert.ThrowsAsync<DomainValidationException>(() =>
            s.Service.PreviewAsync(Input() with { InternalZoneIds = ["bj-1", "sh-9"] }, _owner));
        Assert.Contains("InternalZoneIds", e.Errors.Keys);
        Assert.Contains("sh-9", e.Message);
    }
}

public sealed class SqliteRequestServiceTests() : RequestServiceSuite(new SqliteDatabases());

public sealed class PostgresRequestServiceTests() : RequestServiceSuite(new PostgresDatabases());
