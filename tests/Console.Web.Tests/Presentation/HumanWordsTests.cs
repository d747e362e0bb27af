using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;

namespace CapacityConsole.Web.Tests.Presentation;

/// <summary>Issue 14: enum names become words in one place; money and durations read as a person writes them.</summary>
public sealed class HumanWordsTests
{
    [Fact]
    public void EnumNames_BecomeWords()
    {
        Assert.Equal("Pending approval", Humanize.Enum(BudgetState.PendingApproval));
        Assert.Equal("Service owner", Humanize.Enum(Role.ServiceOwner));
        Assert.Equal("IDC", Humanize.Enum(ProviderKind.Idc));
        Assert.Equal("Alibaba Cloud", Humanize.Enum(ProviderKind.AlibabaCloud));
        Assert.Equal("Active", Humanize.Enum(RequestState.Active));
        Assert.Equal("Service owner, On-call", Humanize.Words("ServiceOwner, OnCall"));
    }

    [Theory]
    [InlineData(-0.01, "¥0.00")]
    [InlineData(-0.004, "¥0.00")]
    [InlineData(0.01, "¥0.01")]
    [InlineData(1234.565, "¥1,234.57")]
    public void Money_NeverShowsARoundingRemainderBelowZero(double amount, string shown) =>
        Assert.Equal(shown, Format.Cny((decimal)amount));

    [Fact]
    public void NegativeSums_ReadAsOverOrSaving_NotAsNegativeMoney()
    {
        Assert.Equal("saves ¥87,088.54", Format.ExtraCost(-87_088.54m));
        Assert.Equal("¥12.00", Format.ExtraCost(12m));
        Assert.Equal("¥500.00 over", Format.Left(-500m));
        Assert.Equal("¥3.50 left", Format.Left(3.5m));
    }

    [Theory]
    [InlineData(30 * 60, "30 min")]
    [InlineData(90 * 60, "1 h 30 min")]
    [InlineData(2 * 3600, "2 h")]
    [InlineData(135, "2 min 15 s")]
    public void Durations_LeaveOutZeroParts(int seconds, string shown) =>
        Assert.Equal(shown, Format.Duration(TimeSpan.FromSeconds(seconds)));
}
