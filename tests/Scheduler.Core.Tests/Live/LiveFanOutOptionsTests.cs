using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>A subject's pace: what its sends cost, i.e. its viewers over the per-subject write budget.</summary>
public sealed class LiveFanOutOptionsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4_000, 200)]
    [InlineData(10_000, 500)]
    [InlineData(100_000, 5_000)]
    public void PaceFor_IsTheAudienceOverTheWriteBudget(int viewers, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new LiveFanOutOptions { WritesPerSecondPerSubject = 20_000 }.PaceFor(viewers));
}
