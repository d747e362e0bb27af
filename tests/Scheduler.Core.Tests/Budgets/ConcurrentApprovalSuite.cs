using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;

namespace CapacityConsole.Scheduler.Tests.Budgets;

/// <summary>
/// Issue 6 item 1: a budget is never over-committed, also when many approvals hit it at once. The
/// approvals run in parallel on the thread pool against a real database (PostgreSQL locks the budget
/// row with SELECT … FOR UPDATE; SQLite serialises write transactions).
/// </summary>
public abstract class ConcurrentApprovalSuite(StorageProvider storage)
{
    private const int Requests = 20;

    [Fact]
    public async Task ParallelApprovals_NeverOverCommitTheBudget_AndTheOnesThatDoNotFitGetAConflict()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var now = core.Clock.GetUtcNow();
        var input = new NewCoreQuotaRequest("product-detail-cache", 960, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), CoreHost.FlashSaleBudget, "Double 12 peak");
        var requestService = core.Get<RequestService>();
        // Every request is the same, so every plan costs the same; the budget holds eight and a half of them.
        var cost = (await requestService.PreviewAsync(input, CoreHost.Owner)).EstimatedTotal;
        Assert.True(cost > 0);
        var budget = await ApprovedBudgetAsync(core, Math.Round(cost * 8.5m, 2));
        var filed = new List<CoreQuotaRequest>();
        for (var i = 0; i < Requests; i++)
            filed.Add(await requestService.FileAsync(input with { BudgetId = budget.Id }, CoreHost.Owner, submit: true));

        using var start = new ManualResetEventSlim();
        var approvals = filed.Select(r => Task.Run(async () =>
        {
            start.Wait();
            return await requestService.ApproveAsync(r.Id, CoreHost.PlannerActor, null);
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(approvals.Select(async t =>
        {
            try { return (Approved: await t, Error: (Exception?)null); }
            catch (Exception e) { return (Approved: (CoreQuotaRequest?)null, Error: e); }
        }));

        var stored = await core.Get<BudgetRepository>().GetAsync(budget.Id);
        var approved = outcomes.Where(o => o.Approved is not null).Select(o => o.Approved!).ToList();
        Assert.Equal(8, approved.Count);
        Assert.All(approved, r => Assert.Equal(RequestState.Scheduled, r.State));
        Assert.Equal(approved.Sum(r => r.CommittedAmount), stored.Committed);
        Assert.Equal(8 * cost, stored.Committed);
        Assert.True(stored.Committed <= stored.Amount);
        foreach (var (_, error) in outcomes.Where(o => o.Approved is null))
        {
            var conflict = Assert.IsType<ConflictException>(error);
            Assert.Contains("budget", conflict.Message, StringComparison.OrdinalIgnoreCase);
        }
        // The refused requests changed nothing: still Submitted, no commitment.
        var all = await core.Get<RequestRepository>().ListAsync();
        Assert.Equal(Requests - 8, all.Count(r => r.BudgetId == budget.Id && r.State == RequestState.Submitted && r.CommittedAmount == 0));
    }

    private static async Task<Budget> ApprovedBudgetAsync(CoreHost core, decimal amount)
    {
        var budgets = core.Get<BudgetService>();
        var now = core.Clock.GetUtcNow();
        var budget = await budgets.CreateAsync(new NewBudget("Flash sale, contested", "CC-TRADE", "Double 12", amount, now.Date, now.Date.AddDays(14)), "planner");
        await budgets.SubmitAsync(budget.Id, "planner");
        return await budgets.ApproveAsync(budget.Id, "planner2", null);
    }
}

public sealed class SqliteConcurrentApprovalTests() : ConcurrentApprovalSuite(StorageProvider.Sqlite);

public sealed class PostgresConcurrentApprovalTests() : ConcurrentApprovalSuite(StorageProvider.Postgres);
