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

    private static async Task<(long Requests, long Plans, long Audit)> CountRowsAsync(CoreHost core)
    {
        await using var c = await core.Get<Database>().OpenAsync();
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM core_quota_requests"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plans"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_events"));
    }
}

public sealed class SqliteEmergencyBurstTests() : EmergencyBurstSuite(StorageProvider.Sqlite);

public sealed class PostgresEmergencyBurstTests() : EmergencyBurstSuite(StorageProvider.Postgres);
