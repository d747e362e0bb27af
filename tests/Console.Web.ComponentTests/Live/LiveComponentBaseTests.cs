using Bunit;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Web.ComponentTests.Live;

/// <summary>
/// The pacing of live pages: reloads of one page at least Live:PageRefreshInterval apart, the latest
/// update still shown. The clock is a FakeTimeProvider, so the tests move time instead of waiting.
/// </summary>
public sealed class LiveComponentBaseTests : BunitContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LiveNotifier _live = new(NullLogger<LiveNotifier>.Instance);

    public LiveComponentBaseTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton(_live);
        Services.AddSingleton(Options.Create(new LivePageOptions { PageRefreshInterval = Interval }));
    }

    private void Reason(string reason) => _live.Publish(new ZoneHealthChanged("sh-3", null, ZoneHealth.Degraded, reason, _clock.GetUtcNow()));

    [Fact]
    public void UpdatesWithinTheInterval_AreOneReloadAtItsEnd_ShowingTheLatest()
    {
        var page = Render<ZoneProbe>();
        Reason("first");
        page.WaitForAssertion(() => Assert.Equal("1: first", page.Markup));

        Reason("second");
        Reason("third");
        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal("1: first", page.Markup); // nothing reloads before the interval is over

        AdvanceUntilReloads(page, 2);
        Assert.Equal("2: third", page.Markup);
        _clock.Advance(Interval * 3);
        Assert.Equal(2, page.Instance.Reloads); // "second" and "third" were one reload, and nothing followed
    }

    [Fact]
    public void AnUpdateAfterAQuietSpell_ReloadsAtOnce()
    {
        var page = Render<ZoneProbe>();
        Reason("first");
        page.WaitForAssertion(() => Assert.Equal("1: first", page.Markup));

        _clock.Advance(Interval + TimeSpan.FromMilliseconds(1));
        Reason("later");

        page.WaitForAssertion(() => Assert.Equal("2: later", page.Markup));
    }

    [Fact]
    public void ABurstOfDifferentSubjects_IsPassedWhole_NotOnlyItsLastUpdate()
    {
        var page = Render<ZoneProbe>();
        Reason("first");
        page.WaitForAssertion(() => Assert.Equal("1: first", page.Markup));

        // Within one interval: the zone goes Down, then a capacity sample of the same zone arrives.
        // Passed only the last, a page that re-reads zones on a health change but merely applies a
        // sample never showed the zone Down.
        Reason("hall 3 lost power");
        var sample = new CapacitySampled(new CapacityConsole.Scheduler.Capacity.CapacitySample("sh-3", ProviderKind.Idc, _clock.GetUtcNow(), 960, 640, 320));
        _live.Publish(sample);
        AdvanceUntilReloads(page, 2);

        Assert.Equal("2: hall 3 lost power", page.Markup);
        var burst = page.Instance.Passed[1];
        Assert.Equal(2, burst.Count);
        Assert.Equal("hall 3 lost power", Assert.IsType<ZoneHealthChanged>(burst[0]).Reason);
        Assert.Same(sample, burst[1]);
    }

    [Fact]
    public void APageFarBehind_IsPassedOneResync_InsteadOfAnUnboundedBacklog()
    {
        var page = Render<ZoneProbe>();
        Reason("first");
        page.WaitForAssertion(() => Assert.Equal("1: first", page.Markup));

        // More updates than a page holds between two reloads (stock refreshes have no subject, so none is merged).
        for (var i = 0; i <= LiveComponentBase.MaxPending; i++) _live.Publish(new StockRefreshed(["sh-3"], _clock.GetUtcNow()));
        AdvanceUntilReloads(page, 2);

        Assert.IsType<LiveResynced>(Assert.Single(page.Instance.Passed[1]));
    }

    [Fact]
    public async Task APageGoneWhileItsReloadWaits_IsNotReloaded()
    {
        var page = Render<ZoneProbe>();
        Reason("first");
        page.WaitForAssertion(() => Assert.Equal("1: first", page.Markup));
        Reason("second");

        var probe = page.Instance;
        await DisposeComponentsAsync();
        _clock.Advance(Interval * 2);

        Assert.Equal(1, probe.Reloads);
    }

    [Theory]
    [InlineData("00:00:31")]
    [InlineData("-00:00:01")]
    public void AnIntervalOutOfRange_IsRefused(string interval)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Live:PageRefreshInterval"] = interval }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLivePages().BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LivePageOptions>>().Value);
        Assert.Contains("Live:PageRefreshInterval", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefault_IsHalfASecond()
    {
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLivePages().BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMilliseconds(500), services.GetRequiredService<IOptions<LivePageOptions>>().Value.PageRefreshInterval);
    }

    /// <summary>
    /// Moves the clock an interval at a time until the page has reloaded this often: the reload's wait may
    /// start its timer just after a single move (it runs on the thread pool), and would then wait forever.
    /// </summary>
    private void AdvanceUntilReloads(IRenderedComponent<ZoneProbe> page, int reloads)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (page.Instance.Reloads < reloads && DateTime.UtcNow < deadline)
        {
            _clock.Advance(Interval);
            Thread.Sleep(20);
        }
        Assert.Equal(reloads, page.Instance.Reloads);
    }

    /// <summary>A live page reduced to what the base does: it counts its reloads and shows the reason it was last passed.</summary>
    private sealed class ZoneProbe : LiveComponentBase
    {
        private string? _reason;
        public int Reloads { get; private set; }

        protected override void OnInitialized() => Watch(LiveKeys.Zone("sh-3"));

        /// <summary>What each reload was passed, oldest reload first.</summary>
        public List<IReadOnlyList<LiveUpdate>> Passed { get; } = [];

        protected override Task OnLiveUpdatesAsync(IReadOnlyList<LiveUpdate> updates)
        {
            Reloads++;
            Passed.Add(updates);
            _reason = updates.OfType<ZoneHealthChanged>().LastOrDefault()?.Reason;
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Reloads == 0 ? "" : $"{Reloads}: {_reason}");
    }
}
