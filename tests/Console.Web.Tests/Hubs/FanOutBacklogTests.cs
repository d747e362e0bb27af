using CapacityConsole.Scheduler.Live;
using CapacityConsole.Web.Hubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Web.Tests.Hubs;

/// <summary>The wait of a send for the last send's writes, on a clock the test moves and a queue length it sets.</summary>
public sealed class FanOutBacklogTests
{
    private static readonly TimeSpan AtMost = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _clock = new();
    private long _queued;

    private FanOutBacklog Backlog() => new(_clock, () => Interlocked.Read(ref _queued));

    [Fact]
    public async Task AShortQueue_DoesNotHoldTheSend()
    {
        _queued = FanOutBacklog.Short;
        var waited = await Backlog().WaitAsync(AtMost, CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, waited);
    }

    [Fact]
    public async Task ALongQueue_HoldsTheSend_UntilItIsShort()
    {
        _queued = 10_000;
        var wait = Backlog().WaitAsync(AtMost, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.False(wait.IsCompleted);
        Interlocked.Exchange(ref _queued, 3);
        while (!wait.IsCompleted) { _clock.Advance(TimeSpan.FromMilliseconds(2)); await Task.Yield(); }
        var waited = await wait;
        Assert.InRange(waited, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task AQueueThatNeverDrains_HoldsTheSendNoLongerThanTheLimit()
    {
        _queued = 10_000;
        var wait = Backlog().WaitAsync(AtMost, CancellationToken.None);
        while (!wait.IsCompleted && _clock.GetUtcNow() - _clock.Start < TimeSpan.FromSeconds(5))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(2));
            await Task.Yield();
        }
        Assert.True(wait.IsCompleted);
        Assert.Equal(AtMost, await wait);
    }

    [Theory]
    [InlineData("00:00:06")]
    [InlineData("-00:00:01")]
    public void AWaitOutOfRange_IsRefused(string wait)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Live:BacklogWait"] = wait }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLiveUpdates().BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LiveFanOutOptions>>().Value);
        Assert.Contains("Live:BacklogWait must be between 0 and 5 s.", refused.Message);
    }
}
