using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;

namespace CapacityConsole.Scheduler.Tests.Budgets;

/// <summary>
/// Issue 10 item 1, four-eyes for every approval, on SQLite and PostgreSQL: whoever created or
/// submitted a budget neither approves nor rejects it; whoever filed a request does not approve it.
/// A refusal is a ForbiddenException that names the rule and changes nothing.
/// </summary>
public abstract class FourEyesSuite(StorageProvider storage)
{
    [Theory]
    [InlineData("creator", "approve")]
    [InlineData("creator", "reject")]
    [InlineData("submitter", "approve")]
    [InlineData("submitter", "reject")]
    public async Task Budget_CannotBeDecidedByWhoeverCreatedOrSubmittedIt(string who, string decision)
    {
        await using var core = await CoreHost.StartAsync(storage);
        var budgets = core.Get<BudgetService>();
        var now = core.Clock.GetUtcNow();
        var budget = await budgets.CreateAsync(new NewBudget("Four eyes", "CC-TRADE", null, 10_000m, now.Date, now.Date.AddDays(7)), "pat");
        await budgets.SubmitAsync(budget.Id, "quinn");
        var trail = (await core.Get<AuditLog>().ListAsync(nameof(Budget), budget.Id.ToString())).Count;
        var person = who == "creator" ? "PAT" : "quinn"; // people are compared without regard to case

        var e = await Assert.ThrowsAsync<ForbiddenException>(() =>
            decision == "approve" ? budgets.ApproveAsync(budget.Id, person, null) : budgets.RejectAsync(budget.Id, person, "no"));

        Assert.Contains("Four-eyes rule", e.Message);
        var after = await core.Get<BudgetRepository>().GetAsync(budget.Id);
        Assert.Equal((BudgetState.PendingApproval, null), (after.State, after.DecidedBy));
        Assert.Equal(trail, (await core.Get<AuditLog>().ListAsync(nameof(Budget), budget.Id.ToString())).Count);

        // A third planner decides it.
        var decided = decision == "approve" ? await budgets.ApproveAsync(budget.Id, "robin", null) : await budgets.RejectAsync(budget.Id, "robin", "no");
        Assert.Equal("robin", decided.DecidedBy);
        Assert.Equal("quinn", decided.SubmittedBy);
    }

    [Fact]
    public async Task Request_CannotBeApprovedByItsFiler_ButByAnotherPlanner()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var now = core.Clock.GetUtcNow();
        var both = new Actor("pat", "trade", Role.ServiceOwner | Role.Planner);
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("order-submit", 320, "cn-beijing", [], now.AddHours(2), now.AddHours(4),
            TimeSpan.FromMinutes(30), CoreHost.FlashSaleBudget, "Double 12 peak"), both, submit: true);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => requests.ApproveAsync(filed.Id, both with { UserName = "Pat" }, null));

        Assert.Contains("Four-eyes rule", e.Message);
        Assert.Equal(RequestState.Submitted, (await core.Get<RequestRepository>().GetAsync(filed.Id)).State);
        Assert.Equal(RequestState.Scheduled, (await requests.ApproveAsync(filed.Id, CoreHost.PlannerActor, null)).State);
    }

    [Fact]
    public async Task DecisionComments_AndBudgetNames_HaveAMaximumLength()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var budgets = core.Get<BudgetService>();
        var now = core.Clock.GetUtcNow();
        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() =>
            budgets.CreateAsync(new NewBudget(new string('n', TextLimits.Name + 1), "CC-TRADE", null, 10m, now, now.AddDays(1)), "pat"));
        Assert.Contains("Name", tooLong.Errors.Keys);

        var budget = await budgets.CreateAsync(new NewBudget(new string('n', TextLimits.Name), "CC-TRADE", null, 10m, now, now.AddDays(1)), "pat");
        await budgets.SubmitAsync(budget.Id, "pat");
        var comment = await Assert.ThrowsAsync<DomainValidationException>(() => budgets.ApproveAsync(budget.Id, "robin", new string('c', TextLimits.Comment + 1)));
        Assert.Contains("Comment", comment.Errors.Keys);
        Assert.Equal(BudgetState.PendingApproval, (await core.Get<BudgetRepository>().GetAsync(budget.Id)).State);
    }
}

public sealed class SqliteFourEyesTests() : FourEyesSuite(StorageProvider.Sqlite);

public sealed class PostgresFourEyesTests() : FourEyesSuite(StorageProvider.Postgres);
