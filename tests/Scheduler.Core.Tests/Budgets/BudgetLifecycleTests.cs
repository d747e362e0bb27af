using CapacityConsole.Scheduler.Budgets;

namespace CapacityConsole.Scheduler.Tests.Budgets;

public class BudgetLifecycleTests
{
    // The brief's §3 workflow, written out independently of the production table.
    private static readonly Dictionary<(BudgetState, BudgetAction), BudgetState> Legal = new()
    {
        [(BudgetState.Draft, BudgetAction.Submit)] = BudgetState.PendingApproval,
        [(BudgetState.PendingApproval, BudgetAction.Approve)] = BudgetState.Approved,
        [(BudgetState.PendingApproval, BudgetAction.Reject)] = BudgetState.Rejected,
        [(BudgetState.Approved, BudgetAction.Close)] = BudgetState.Closed,
        [(BudgetState.Rejected, BudgetAction.Close)] = BudgetState.Closed,
    };

    public static TheoryData<BudgetState, BudgetAction> AllPairs()
    {
        var data = new TheoryData<BudgetState, BudgetAction>();
        foreach (var s in Enum.GetValues<BudgetState>())
            foreach (var a in Enum.GetValues<BudgetAction>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_IsAllowedExactlyWhenTheWorkflowSaysSo(BudgetState from, BudgetAction action)
    {
        if (Legal.TryGetValue((from, action), out var expected))
        {
            Assert.Equal(expected, BudgetLifecycle.Machine.Next(from, action));
        }
        else
        {
            var e = Assert.Throws<IllegalTransitionException>(() => BudgetLifecycle.Machine.Next(from, action));
            Assert.Contains(from.ToString(), e.Message);
            Assert.Contains(action.ToString(), e.Message);
        }
    }

    [Fact]
    public void Budget_WalksTheWholeWorkflow_AndRecordsTheDecision()
    {
        var b = NewBudget(1000m);
        b.Submit("planner", Now);
        b.Approve("planner2", "ok", Now);
        Assert.Equal(BudgetState.Approved, b.State);
        Assert.Equal("planner2", b.DecidedBy);
        b.Close(BudgetHolders.None, Now);
        Assert.Equal(BudgetState.Closed, b.State);
    }

    [Fact]
    public void Close_IsRefused_WhileRequestsStillHoldMoneyOnIt_NamingThem()
    {
        var b = Approved(1000m);
        var holders = new BudgetHolders(5,
        [
            new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "order-submit", 3_200, "Active"),
            new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "search", 960, "Scheduled"),
        ]);

        var e = Assert.Throws<ConflictException>(() => b.Close(holders, Now));

        Assert.Equal(
            "Budget 'Flash sale' still pays for 5 requests: order-submit 3,200 cores, Active (00000000-0000-0000-0000-000000000001); " +
            "search 960 cores, Scheduled (00000000-0000-0000-0000-000000000002) and 3 more. Close it once they are released, cancelled or failed.",
            e.Message);
        Assert.Equal(BudgetState.Approved, b.State);
    }

    [Fact]
    public void Commit_IsRefused_WhenItWouldExceedTheAmount()
    {
        var b = Approved(1000m);
        b.Commit(600m, Now);
        var e = Assert.Throws<ConflictException>(() => b.Commit(400.01m, Now));
        Assert.Contains("400.00 CNY left", e.Message);
        Assert.Equal(600m, b.Committed);
        b.Commit(400m, Now);
        Assert.Equal(0m, b.Available);
    }

    [Fact]
    public void Accrue_MovesSpendOutOfTheCommitment_SoNothingIsCountedTwice()
    {
        var b = Approved(1000m);
        b.Commit(600m, Now);

        b.Accrue(250m, fromCommitment: 250m, Now);

        Assert.Equal(350m, b.Committed);
        Assert.Equal(250m, b.Actual);
        Assert.Equal(400m, b.Available);
    }

    [Fact]
    public void SpendOfASettledRequest_StaysSpent()
    {
        var b = Approved(1000m);
        b.Commit(600m, Now);
        b.Accrue(500m, fromCommitment: 500m, Now);

        b.ReleaseCommitment(100m, Now); // settled: what the spend did not use goes back

        Assert.Equal(0m, b.Committed);
        Assert.Equal(500m, b.Available);
        Assert.Throws<ConflictException>(() => b.Commit(500.01m, Now));
    }

    [Fact]
    public void Accrue_IsRefused_WhenMoreWouldComeOutOfTheCommitmentThanItHolds()
    {
        var b = Approved(1000m);
        b.Commit(100m, Now);

        Assert.Throws<ConflictException>(() => b.Accrue(200m, fromCommitment: 150m, Now));
        Assert.Throws<ConflictException>(() => b.Accrue(50m, fromCommitment: 60m, Now));
        Assert.Equal((100m, 0m), (b.Committed, b.Actual));
    }

    [Fact]
    public void Commit_IsRefused_UnlessTheBudgetIsApproved()
    {
        var b = NewBudget(1000m);
        Assert.Throws<ConflictException>(() => b.Commit(1m, Now));
        Assert.Equal(0m, b.Committed);
    }

    [Fact]
    public void ReleaseCommitment_ReturnsMoney_AndRefusesMoreThanCommitted()
    {
        var b = Approved(1000m);
        b.Commit(300m, Now);
        b.ReleaseCommitment(100m, Now);
        Assert.Equal(200m, b.Committed);
        Assert.Throws<ConflictException>(() => b.ReleaseCommitment(200.01m, Now));
    }

    [Theory]
    [InlineData("", "CC", 10, 1, "Name")]
    [InlineData("n", " ", 10, 1, "CostCenter")]
    [InlineData("n", "CC", 0, 1, "Amount")]
    [InlineData("n", "CC", 10.001, 1, "Amount")]
    [InlineData("n", "CC", 10, -1, "PeriodEnd")]
    public void Create_RefusesBadInput_NamingTheField(string name, string cc, double amount, int days, string field)
    {
        var e = Assert.Throws<DomainValidationException>(() =>
            Budget.Create(name, cc, null, (decimal)amount, Now, Now.AddDays(days), "planner", Now));
        Assert.Contains(field, e.Errors.Keys);
    }

    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static Budget NewBudget(decimal amount) =>
        Budget.Create("Flash sale", "CC-TRADE", "Double 12", amount, Now, Now.AddDays(10), "planner", Now);

    private static Budget Approved(decimal amount)
    {
        var b = NewBudget(amount);
        b.Submit("planner", Now);
        b.Approve("planner2", null, Now);
        return b;
    }
}
