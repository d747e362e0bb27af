using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Dapper;
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
    public async Task CoresTakenAndGivenBackSinceTheRefresh_CountAsTheOneUnboundedSumCountedThem()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var active = await core.ActiveRequestAsync();
        var db = core.Get<Database>();
        await using (var c = await db.OpenAsync())
        {
            // Every other IDC resource of the event was held before its offering's refresh and given back after it.
            var idc = (await c.QueryAsync<(string Id, DateTimeOffset RefreshedAt)>(
                "SELECT r.id, o.refreshed_at FROM resources r JOIN offerings o ON o.id = r.offering_id WHERE r.request_id = @id AND r.provider = 'Idc' ORDER BY r.id",
                new { id = active.Id })).AsList();
            Assert.True(idc.Count >= 2, $"only {idc.Count} IDC resources");
            foreach (var (id, refreshedAt) in idc.Where((_, i) => i % 2 == 0))
                await c.ExecuteAsync("UPDATE resources SET state = 'Released', created_at = @created, released_at = @released WHERE id = @id",
                    new { id, created = refreshedAt.AddMinutes(-10), released = refreshedAt.AddMinutes(1) });
        }
        var overview = await core.Get<ZoneOverviewQuery>().GetAsync();

        var glance = await core.Get<ZoneGlanceQuery>().GetAsync(overview);

        // The sum as it was before it was bounded by the oldest refresh (issue 15), over the same rows.
        Dictionary<string, (long Taken, long Returned)> unbounded;
        await using (var c = await db.OpenAsync())
            unbounded = (await c.QueryAsync<(string MemberZoneId, long Taken, long Returned)>(
                """
                SELECT r.member_zone_id,
                       SUM(CASE WHEN r.created_at > o.refreshed_at AND r.state IN ('Pending', 'Running') THEN r.cores ELSE 0 END),
                       SUM(CASE WHEN r.created_at <= o.refreshed_at AND r.released_at > o.refreshed_at THEN r.cores ELSE 0 END)
                FROM resources r JOIN offerings o ON o.id = r.offering_id
                WHERE o.price_per_hour IS NOT NULL AND o.provider = 'Idc' AND (r.created_at > o.refreshed_at OR r.released_at > o.refreshed_at)
                GROUP BY r.member_zone_id
                """)).ToDictionary(r => r.MemberZoneId, r => (r.Taken, r.Returned));
        Assert.Contains(unbounded.Values, v => v.Taken > 0);
        Assert.Contains(unbounded.Values, v => v.Returned > 0);
        foreach (var member in overview.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Members).Where(m => m.Member.Provider == ProviderKind.Idc))
        {
            var (taken, returned) = unbounded.GetValueOrDefault(member.Member.Id);
            Assert.Equal(Math.Max(0, member.Capacity.FreeCores - (int)(taken - returned)), glance.MemberFree[member.Member.Id]);
        }
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
