using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Glance;

/// <summary>The dashboard's glance, its health history and event windows read from real tables, on SQLite and on PostgreSQL.</summary>
public abstract class ZoneGlanceSuite(StorageProvider storage)
{
    [Fact]
    public async Task HoldingCores_MovesThemFromFreeToHeld_AndTheTotalStaysPut()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var glances = core.Get<ZoneGlanceQuery>();
        var overviews = core.Get<ZoneOverviewQuery>();
        var before = await glances.GetAsync(await overviews.GetAsync());
        Assert.Equal(0, before.All.Held);

        var approved = await core.ApprovedRequestAsync();
        var planned = await glances.GetAsync(await overviews.GetAsync());
        Assert.True(planned.All.Planned >= approved.Cores);
        Assert.Equal(planned.All.Planned, planned.All.ToCome);

        await core.ActiveRequestAsync(); // a second event, provisioned: its IDC hosts are held
        var after = await glances.GetAsync(await overviews.GetAsync());

        Assert.True(after.All.Held > 0);
        Assert.Equal(before.All.Total, after.All.Total);
        Assert.Equal(before.All.Free - after.All.Held, after.All.Free);
        Assert.True(after.All.Planned > planned.All.Planned);
    }

    [Fact]
    public async Task HealthHistory_IsReadFromTheAuditTrail_WithMemberZonesUnderTheirInternalZone()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var t0 = core.Clock.GetUtcNow();
        await core.Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync("bj-2", null, ZoneHealth.Degraded, "fans", CoreHost.OnCall);
        core.Clock.Advance(TimeSpan.FromMinutes(3));
        var member = (await core.MemberZonesOfAsync("bj-3")).Order(StringComparer.Ordinal).First();
        await core.Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync("bj-3", member, ZoneHealth.Degraded, "link", CoreHost.OnCall);

        var history = await core.Get<ZoneHealthHistory>().ListAsync(t0, core.Clock.GetUtcNow());
        var later = await core.Get<ZoneHealthHistory>().ListAsync(t0.AddMinutes(1), core.Clock.GetUtcNow());

        Assert.Equal([("bj-2", null, ZoneHealth.Degraded, "fans"), ("bj-3", member, ZoneHealth.Degraded, "link")],
            history.Select(h => (h.InternalZoneId, h.MemberZoneId, h.Health, h.Reason)).ToList());
        Assert.Equal([t0, t0.AddMinutes(3)], history.Select(h => h.At));
        Assert.Equal(member, Assert.Single(later).MemberZoneId);
    }

    [Fact]
    public async Task EventWindows_ListDecidedEventsWhosePrewarmToEndTouchesTheRange()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync(); // pre-warm 1 h 30 min from now, window 2 h to 6 h
        var windows = core.Get<EventWindowQuery>();
        var now = core.Clock.GetUtcNow();

        Assert.Empty(await windows.ListAsync("cn-beijing", now, now.AddHours(1)));
        Assert.Equal(request.Id, Assert.Single(await windows.ListAsync("cn-beijing", now, now.AddHours(1.75))).Id);
        Assert.Equal(request.Id, Assert.Single(await windows.ListAsync("cn-beijing", now.AddHours(5), now.AddHours(7))).Id);
        Assert.Empty(await windows.ListAsync("cn-beijing", now.AddHours(6.5), now.AddHours(8)));
        Assert.Empty(await windows.ListAsync("cn-shanghai", now, now.AddHours(8)));
    }
}

public sealed class SqliteZoneGlanceTests() : ZoneGlanceSuite(StorageProvider.Sqlite);

public sealed class PostgresZoneGlanceTests() : ZoneGlanceSuite(StorageProvider.Postgres);
