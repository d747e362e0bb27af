using CapacityConsole.Scheduler.Requests;
using static CapacityConsole.Scheduler.Requests.RequestAction;
using static CapacityConsole.Scheduler.Requests.RequestState;

namespace CapacityConsole.Scheduler.Tests.Requests;

public class RequestLifecycleTests
{
    // Brief §3: Draft → Submitted → Approved | Rejected → Scheduled → Provisioning → Active →
    // Releasing → Released, plus Cancelled and Failed; an Active request leaves via Releasing, a Failed one is settled in place.
    private static readonly Dictionary<(RequestState, RequestAction), RequestState> Legal = new()
    {
        [(Draft, Submit)] = Submitted,
        [(Submitted, Approve)] = Approved,
        [(Submitted, Reject)] = Rejected,
        [(Approved, Schedule)] = Scheduled,
        [(Scheduled, StartProvisioning)] = RequestState.Provisioning,
        [(RequestState.Provisioning, Activate)] = Active,
        [(RequestState.Provisioning, StartRelease)] = Releasing,
        [(Active, StartRelease)] = Releasing,
        [(Releasing, CompleteRelease)] = Released,
        [(Draft, Cancel)] = Cancelled,
        [(Submitted, Cancel)] = Cancelled,
        [(Approved, Cancel)] = Cancelled,
        [(Scheduled, Cancel)] = Cancelled,
        [(Scheduled, Fail)] = Failed,
        [(RequestState.Provisioning, Fail)] = Failed,
    };

    public static TheoryData<RequestState, RequestAction> AllPairs()
    {
        var data = new TheoryData<RequestState, RequestAction>();
        foreach (var s in Enum.GetValues<RequestState>())
            foreach (var a in Enum.GetValues<RequestAction>())
                data.Add(s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_IsAllowedExactlyWhenTheLifecycleSaysSo(RequestState from, RequestAction action)
    {
        if (Legal.TryGetValue((from, action), out var expected))
        {
            Assert.Equal(expected, RequestLifecycle.Machine.Next(from, action));
        }
        else
        {
            var e = Assert.Throws<IllegalTransitionException>(() => RequestLifecycle.Machine.Next(from, action));
            Assert.Equal(from.ToString(), e.State);
            Assert.Equal(action.ToString(), e.Action);
            Assert.Contains($"is {from}", e.Message);
        }
    }

    [Fact]
    public void Request_WalksTheHappyPath_ToReleased()
    {
        var r = NewRequest();
        r.Submit(Now);
        r.Approve("planner", 1234.56m, null, Now);
        r.Schedule(Now);
        r.StartProvisioning(Now);
        r.Activate(Now);
        r.StartRelease(Now);
        r.CompleteRelease(1200.01m, Now);
        Assert.Equal(Released, r.State);
        Assert.Equal(1234.56m, r.CommittedAmount);
        Assert.Equal(1200.01m, r.ActualSpend);
    }

    [Fact]
    public void Approve_Fails_WhenRequesterIsApprover()
    {
        var r = NewRequest();
        r.Submit(Now);
        Assert.Throws<ForbiddenException>(() => r.Approve("OWNER", 10m, null, Now));
        Assert.Equal(Submitted, r.State);
        Assert.Equal(0m, r.CommittedAmount);
    }

    [Fact]
    public void Fail_RecordsTheReason()
    {
        var r = NewRequest();
        r.Submit(Now); r.Approve("planner", 1m, null, Now); r.Schedule(Now); r.StartProvisioning(Now);
        r.Fail("stock-out in every zone", Now);
        Assert.Equal(Failed, r.State);
        Assert.Equal("stock-out in every zone", r.FailureReason);
    }

    [Fact]
    public void PrewarmAt_IsTheWindowStartMinusTheLeadTime()
    {
        var r = NewRequest();
        Assert.Equal(Now.AddDays(1).AddMinutes(-30), r.PrewarmAt);
    }

    [Theory]
    [InlineData(0, 0, 1, 30, 1.0, "Cores")]
    [InlineData(-5, 0, 1, 30, 1.0, "Cores")]
    [InlineData(100, -1, 1, 30, 1.0, "WindowStart")]
    [InlineData(100, 2, 1, 30, 1.0, "WindowEnd")]
    [InlineData(100, 1, 2, -1, 1.0, "PrewarmLead")]
    [InlineData(100, 1, 2, 30, 0.0, "SurvivableShare")]
    [InlineData(100, 1, 2, 30, 1.5, "SurvivableShare")]
    public void Create_RefusesBadInput_NamingTheField(int cores, int startDays, int endDays, int leadMinutes, double share, string field)
    {
        var input = Input() with
        {
            Cores = cores,
            WindowStart = Now.AddDays(startDays),
            WindowEnd = Now.AddDays(endDays),
            PrewarmLead = TimeSpan.FromMinutes(leadMinutes),
            SurvivableShare = (decimal)share,
        };
        var e = Assert.Throws<DomainValidationException>(() => CoreQuotaRequest.Create(input, "owner", Now));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1025)]
    public void Create_RefusesAMinimumUnitSizeOutOfRange_NamingTheField(int minCores)
    {
        var e = Assert.Throws<DomainValidationException>(() => CoreQuotaRequest.Create(Input() with { MinCoresPerUnit = minCores }, "owner", Now));
        Assert.Equal(["MinCoresPerUnit"], e.Errors.Keys);
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static NewCoreQuotaRequest Input() => new("order-submit", 3200, "cn-beijing", ["bj-2", "bj-1", "bj-1"],
        Now.AddDays(1), Now.AddDays(1).AddHours(4), TimeSpan.FromMinutes(30), Guid.NewGuid(), "Double 12 peak");

    private static CoreQuotaRequest NewRequest() => CoreQuotaRequest.Create(Input(), "owner", Now);
}
