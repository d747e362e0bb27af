using CapacityConsole.Scheduler.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>The fan-out's sends spaced by what they cost, on a clock the test moves.</summary>
public sealed class LiveWriteBudgetTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void TheFirstSend_GoesAtOnce()
    {
        Assert.Equal(TimeSpan.Zero, new LiveWriteBudget(25_000, _clock).WaitBeforeNextSend());
    }

    [Fact]
    public void ASendToTenThousandViewers_HoldsTheNextForWhatItCost()
    {
        var budget = new LiveWriteBudget(25_000, _clock);
        budget.Spent(10_000);
        Assert.Equal(TimeSpan.FromMilliseconds(400), budget.WaitBeforeNextSend());

        _clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.FromMilliseconds(250), budget.WaitBeforeNextSend());

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.Zero, budget.WaitBeforeNextSend());
    }

    [Fact]
    public void ASmallSend_HardlyHoldsTheNext_AndTimePassedIsNotSavedUp()
    {
        var budget = new LiveWriteBudget(25_000, _clock);
        _clock.Advance(TimeSpan.FromSeconds(10)); // quiet: no credit for a burst later
        budget.Spent(25);
        Assert.Equal(TimeSpan.FromMilliseconds(1), budget.WaitBeforeNextSend());
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    [InlineData("10000001")]
    public void ABudgetOutOfRange_IsRefused(string writes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Live:MaxWritesPerSecond"] = writes }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLiveUpdates().BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LiveFanOutOptions>>().Value);
        Assert.Contains("Live:MaxWritesPerSecond must be between 1,000 and 10,000,000.", refused.Message);
    }
}
