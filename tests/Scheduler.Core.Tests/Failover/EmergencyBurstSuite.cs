using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Tests.Failover;

/// <summary>On-call's emergency burst (brief §2) through the ordinary approval path, on SQLite and PostgreSQL.</summary>
public abstract class EmergencyBurstSuite(StorageProvider storage)
{
    private static EmergencyBurstInput Burst(int cores = 640, string reason = "Live room 7 is trending, order-submit at 92% CPU", TimeSpan? duration = null) =>
        new("order-submit", cores, "cn-beijing", null, duration ?? TimeSpan.FromHours(2), CoreHost.FlashSaleBudget, reason);

    [Fact]
    public async Task Start_IsRefused_WithoutTheOnCallRole()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var rows = await CountRowsAsync(core);

        await Assert.ThrowsAsync<ForbiddenException>(() => core.Get<EmergencyBurst>().StartAsync(Burst(), CoreHost.Owner));
        await Assert.ThrowsAsync<ForbiddenException>(() => core.Get<EmergencyBurst>().StartAsync(Burst(), CoreHost.PlannerActor));

        Assert.Equal(rows, await CountRowsAsync(core));
        Assert.Empty(core.Jobs.Scheduled);
    }

    [Fact]
    public async Task Start_RequiresAReason()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var rows = await CountRowsAsync(core);

        var e = await Assert.ThrowsAsync<DomainValidationException>(() => core.Get<EmergencyBurst>().StartAsync(Burst(reason: "  "), CoreHost.OnCall));

        Assert.Contains(nameof(EmergencyBurstInput.Reason), e.Errors.Keys);
        Assert.Equal(rows, await CountRowsAsync(core));
    }

    [Fact]
    public async Task Start_BeyondTheBudget_IsRefusedWithItsShortfall_AndChangesNothing()
    {
        await using var core = await CoreHost.StartAsync(storage);
        // A budget almost used up by earlier approvals: 100 CNY left cannot pay for two hours of 640 cores.
        var available = (await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget)).Available;
        await core.Get<Database>().InTransactionAsync((c, tx) =>
            core.Get<BudgetService>().CommitAsync(CoreHost.FlashSaleBudget, available - 100m, "planner", c, tx), default);
        var burst = Burst();
        var preview = await core.Get<EmergencyBurst>().PreviewAsync(burst, CoreHost.OnCall);
        Assert.True(preview.ShortfallCauses.HasFlag(ShortfallCause.Budget), $"expected a budget shortfall, got {preview.ShortfallCauses}");
        var committed = (await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget)).Committed;
        var rows = await CountRowsAsync(core);

        var e = await Assert.ThrowsAsync<ConflictException>(() => core.Get<EmergencyBurst>().StartAsync(burst, CoreHost.OnCall));

        Assert.Contains("short of", e.Message);
        Assert.Equal(rows, await CountRowsAsync(core));
        Assert.Equal(committed, (await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget)).Committed);
        Assert.Empty(core.Jobs.Scheduled);
    }

    [Fact]
    public async Task Start_ApprovesAtOnce_SchedulesThePrewarmNow_AndAuditsWhoAndWhy()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var now = core.Clock.GetUtcNow();
        var committed = (await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget)).Committed;

        var request = await core.Get<EmergencyBurst>().StartAsync(Burst(), CoreHost.OnCall);

        Assert.Equal(RequestState.Scheduled, request.State);
        Assert.Equal("oncall", request.RequestedBy);
        Assert.Equal("emergency-burst:oncall", request.DecidedBy);
        Assert.Equal(now, request.PrewarmAt);
        Assert.Equal(now + TimeSpan.FromHours(2), request.WindowEnd - EmergencyBurst.StartSlack);
        Assert.Contains(core.Jobs.Scheduled, j => j is ("prewarm", var id, var at) && id == request.Id && at == now);
        Assert.True((await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget)).Committed > committed);
        Assert.NotNull(await core.Get<PlanRepository>().GetCurrentAsync(request.Id));
        var audit = await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString());
        var burst = Assert.Single(audit, a => a.Action == "Emergency burst");
        Assert.Equal("oncall", burst.Actor);
        Assert.Contains("Live room 7 is trending", burst.After);
        Assert.Contains(audit, a => a.Action == "Approve" && a.Actor == "emergency-burst:oncall");
    }

    [Fact]
    public async Task NormalRequests_StillCannotBeApprovedByTheirRequester()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var now = core.Clock.GetUtcNow();
        var both = new Actor("pat", "trade", Role.ServiceOwner | Role.Planner);
        var filed = await core.Get<RequestService>().FileAsync(new NewCoreQuotaRequest("order-submit", 320, "cn-beijing", [], now.AddHours(2), now.AddHours(4),
            TimeSpan.FromMinutes(30), CoreHost.FlashSaleBudget, "Double 12 peak"), both, submit: true);

        await Assert.ThrowsAsync<ForbiddenException>(() => core.Get<RequestService>().ApproveAsync(filed.Id, both, null));
    }

    /// <summary>
    /// Issue 10 item 8: concurrent bursts against a budget that pays for two of them. The ones refused,
    /// whether at the plan or at the commitment a concurrent burst just took, store nothing: no
    /// Cancelled request, no plan, no audit, no commitment.
    /// </summary>
    [Fact]
    public async Task ConcurrentBursts_BeyondTheBudget_StoreNothingForTheRefusedOnes()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var now = core.Clock.GetUtcNow();
        var cost = (await core.Get<EmergencyBurst>().PreviewAsync(Burst(cores: 320), CoreHost.OnCall)).EstimatedTotal;
        Assert.True(cost > 0);
        var budgets = core.Get<BudgetService>();
        var budget = await budgets.CreateAsync(new NewBudget("Two bursts", "CC-TRADE", null, Math.Round(cost * 2.5m, 2), now.Date, now.Date.AddDays(14)), "planner");
        await budgets.SubmitAsync(budget.Id, "planner");
        await budgets.ApproveAsync(budget.Id, "planner2", null);
        var rows = await CountRowsAsync(core);
        var burst = Burst(cores: 320) with { BudgetId = budget.Id };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try { return (Request: await core.Get<EmergencyBurst>().StartAsync(burst with { Reason = $"Burst {i}: live room trending" }, CoreHost.OnCall), Refusal: (Exception?)null); }
            catch (ConflictException e) { return (Request: (CoreQuotaRequest?)null, Refusal: (Exception?)e); }
        })));

        var started = outcomes.Where(o => o.Request is not null).Select(o => o.Request!).ToList();
        Assert.Equal(2, started.Count);
        Assert.Equal(6, outcomes.Count(o => o.Refusal is ConflictException));
        await using var c = await core.Get<Database>().OpenAsync();
        var stored = (await c.QueryAsync<string>("SELECT state FROM core_quota_requests WHERE budget_id = @id", new { id = budget.Id })).ToList();
        Assert.Equal(["Scheduled", "Scheduled"], stored);
        var after = await CountRowsAsync(core);
        Assert.Equal(rows.Requests + 2, after.Requests);
        Assert.Equal(rows.Plans + 2, after.Plans);
        Assert.Equal(started.Sum(r => r.CommittedAmount), (await core.Get<BudgetRepository>().GetAsync(budget.Id)).Committed);
        Assert.Equal(2, core.Jobs.Scheduled.Count(j => j.Job == "prewarm"));
    }

    private static async Task<(long Requests, long Plans, long Audit)> CountRowsAsync(CoreHost core)
    {
        await using var c = await core.Get<Database>().OpenAsync();
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM core_quota_requests"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plans"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_events"));
    }
}

public sealed class SqliteEmergencyBurstTests() : EmergencyBurstSuite(StorageProvider.Sqlite);

public sealed class PostgresEmergencyBurstTests() : EmergencyBurstSuite(StorageProvider.Postgres);
