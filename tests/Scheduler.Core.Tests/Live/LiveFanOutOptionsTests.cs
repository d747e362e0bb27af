using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>A subject's pace: the coalescing interval, longer only for an audience whose sends would cost more than the budget.</summary>
public sealed class LiveFanOutOptionsTests
{
    private readonly LiveFanOutOptions _options = new() { CoalesceInterval = TimeSpan.FromMilliseconds(200), WritesPerSecondPerSubject = 20_000 };

    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 200)]
    [InlineData(4_000, 200)] // 5 sends a second of 4,000 viewers is exactly the budget
    [InlineData(5_000, 250)]
    [InlineData(10_000, 500)]
    [InlineData(100_000, 5_000)]
    public void IntervalFor_IsTheCoalesceInterval_UntilTheAudienceCostsMoreThanTheBudget(int viewers, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), _options.IntervalFor(viewers));
}
