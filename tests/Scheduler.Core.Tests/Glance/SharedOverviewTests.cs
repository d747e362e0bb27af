using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Glance;

/// <summary>
/// Issue 15: every open dashboard re-reads the zones on a health change. They share one read begun
/// after they received the change (it was committed before it was published), and the glance of it.
/// </summary>
public sealed class SharedOverviewTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private static string? Reason(ZoneOverview overview, string zone) =>
        overview.Regions.SelectMany(r => r.Zones).Single(z => z.Zone.Id == zone).Zone.HealthReason;

    [Fact]
    public async Task ReadAfter_IsOneReadForEveryoneWhoReceivedAChange_AndAFreshOneForALaterChange()
    {
        await using var core = await CoreHost.StartAsync(StorageProvider.Sqlite);
        var overviews = core.Get<ZoneOverviewQuery>();
        var failover = core.Get<FailoverService>();
        var stale = await overviews.GetRecentAsync(TimeSpan.FromMinutes(1)); // read before the change: must not be reused
        core.Clock.Advance(Tick);
        await failover.SetHealthAsync("bj-2", null, ZoneHealth.Degraded, "fans", CoreHost.OnCall);
        var received = core.Clock.GetUtcNow();
        core.Clock.Advance(Tick);

        var dashboards = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => overviews.GetReadAfterAsync(received))));

        Assert.NotEqual("fans", Reason(stale, "bj-2"));
        Assert.All(dashboards, d => Assert.Same(dashboards[0], d));
        Assert.Equal("fans", Reason(dashboards[0], "bj-2"));

        await failover.SetHealthAsync("bj-2", null, ZoneHealth.Degraded, "smoke", CoreHost.OnCall);
        var receivedLater = core.Clock.GetUtcNow();
        core.Clock.Advance(Tick);
        var later = await overviews.GetReadAfterAsync(receivedLater);

        Assert.Equal("smoke", Reason(later, "bj-2"));
        Assert.Same(later, await overviews.GetReadAfterAsync(received)); // a newer read serves an older moment too
    }

    [Fact]
    public async Task Glance_OfOneOverview_IsOneRead_EvenWhenAskedTogether()
    {
        await using var core = await CoreHost.StartAsync(StorageProvider.Sqlite);
        var overview = await core.Get<ZoneOverviewQuery>().GetAsync();
        var glances = core.Get<ZoneGlanceQuery>();

        var together = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => glances.GetAsync(overview))));
        var fresh = await glances.GetAsync(await core.Get<ZoneOverviewQuery>().GetAsync());

        Assert.All(together, g => Assert.Same(together[0], g));
        Assert.NotSame(together[0], fresh);
        Assert.Equal(together[0].All.Total, fresh.All.Total);
    }
}
