using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Glance;

/// <summary>Issue 14 point 3: held, planned and free per internal zone, totals that stay put, one scale where the event shows.</summary>
public sealed class ZoneGlanceTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ZoneOverview Overview(int idcFree, int idcHeld, int cloudFree, int cloudHeld) => new(
    [
        new RegionOverview(new Region("cn-beijing", "Beijing"),
        [
            new InternalZoneOverview(new InternalZone("bj-1", "cn-beijing", "Beijing 1", ZoneHealth.Healthy, null, At),
            [
                new MemberZoneOverview(new MemberZone("bj-idc", "bj-1", ProviderKind.Idc, "Hall", ZoneHealth.Healthy), 2, new CoreCapacity(idcFree, idcHeld)),
                new MemberZoneOverview(new MemberZone("cn-beijing-h", "bj-1", ProviderKind.AlibabaCloud, "H", ZoneHealth.Healthy), 3, new CoreCapacity(cloudFree, cloudHeld)),
            ]),
        ]),
    ]);

    private static readonly Dictionary<(string, ProviderKind), int> NothingPlanned = [];

    [Fact]
    public void IdcTotal_StaysPut_WhenCoresAreHeld_BeforeAndAfterTheStockRefresh()
    {
        var before = ZoneGlanceQuery.Build(Overview(16_640, 0, 0, 0), new Dictionary<string, int>(), NothingPlanned);
        // 960 cores held since the stock was read: the stored stock still counts them free.
        var held = ZoneGlanceQuery.Build(Overview(16_640, 960, 0, 0), new Dictionary<string, int> { ["bj-idc"] = 960 }, NothingPlanned);
        // The next refresh counted the hosts: stock fell by 960 and nothing was taken since.
        var refreshed = ZoneGlanceQuery.Build(Overview(15_680, 960, 0, 0), new Dictionary<string, int>(), NothingPlanned);

        Assert.Equal(16_640, before.Idc.Total);
        Assert.Equal((960, 15_680, 16_640), (held.Idc.Held, held.Idc.Free, held.Idc.Total));
        Assert.Equal((960, 15_680, 16_640), (refreshed.Idc.Held, refreshed.Idc.Free, refreshed.Idc.Total));
        Assert.Equal(15_680, held.MemberFree["bj-idc"]);
    }

    [Fact]
    public void CloudNominalStock_IsReadAsTheCeiling_SoFreeFallsAsCoresAreHeld()
    {
        // ECS reports a category; the adapter's nominal count does not move when we hold cores.
        var before = ZoneGlanceQuery.Build(Overview(0, 0, 244_000, 0), new Dictionary<string, int>(), NothingPlanned);
        var held = ZoneGlanceQuery.Build(Overview(0, 0, 244_000, 1_068), new Dictionary<string, int>(), NothingPlanned);

        Assert.Equal(244_000, before.Cloud.Total);
        Assert.Equal((1_068, 242_932, 244_000), (held.Cloud.Held, held.Cloud.Free, held.Cloud.Total));
    }

    [Fact]
    public void Scale_IsSetByTheEvents_SoAHeldEventIsHalfTheBar_AndFreeIsCutAndSaysSo()
    {
        var planned = new Dictionary<(string, ProviderKind), int> { [("bj-1", ProviderKind.AlibabaCloud)] = 1_600 };
        var glance = ZoneGlanceQuery.Build(Overview(16_640, 0, 244_000, 1_000), new Dictionary<string, int>(), planned);
        var cloud = glance.Zones["bj-1"].Cloud;

        Assert.Equal(600, cloud.ToCome);
        Assert.Equal(3_200, glance.Scale); // twice the largest held plus to come
        var (held, toCome, free) = glance.Segments(cloud);
        Assert.Equal(1_000 / 3_200d, held.Share, 6);
        Assert.Equal(600 / 3_200d, toCome.Share, 6);
        Assert.True(free.Cut);
        Assert.Equal(1, held.Share + toCome.Share + free.Share, 6);
        var idc = glance.Segments(glance.Zones["bj-1"].Idc);
        Assert.Equal(0, idc.Held.Share);
        Assert.True(idc.Free is { Cut: true, Share: 1 });
    }

    [Fact]
    public void WithNothingHeldOrPlanned_TheScaleIsTheLargestTotal_AndNothingIsCut()
    {
        var glance = ZoneGlanceQuery.Build(Overview(16_640, 0, 100_000, 0), new Dictionary<string, int>(), NothingPlanned);
        Assert.Equal(100_000, glance.Scale);
        Assert.Equal(new BarSegment(0.1664, false), glance.Segments(glance.Zones["bj-1"].Idc).Free);
        Assert.Equal(1, DashboardGlance.Empty.Scale);
        Assert.Equal(new BarSegment(0, false), DashboardGlance.Empty.Segments(default).Free);
    }

    [Fact]
    public void IdcShare_IsOfHeldOrPlanned_AndNullWhenThereIsNone()
    {
        Assert.Null(DashboardGlance.IdcShare(0, 0));
        Assert.Equal(0.25, DashboardGlance.IdcShare(1, 3));
    }

    [Fact]
    public void Planned_CountsEachRequestsCurrentPlanOnly()
    {
        var request = Guid.NewGuid();
        var (old, current) = (Guid.NewGuid(), Guid.NewGuid());
        var planned = ZoneGlanceQuery.Planned(
        [
            (request, old, At, "bj-1", "Idc", 960L),
            (request, current, At.AddMinutes(5), "bj-1", "AlibabaCloud", 640L),
            (request, current, At.AddMinutes(5), "bj-2", "AlibabaCloud", 320L),
        ]);
        Assert.Equal(2, planned.Count);
        Assert.Equal(640, planned[("bj-1", ProviderKind.AlibabaCloud)]);
        Assert.Equal(320, planned[("bj-2", ProviderKind.AlibabaCloud)]);
    }
}
