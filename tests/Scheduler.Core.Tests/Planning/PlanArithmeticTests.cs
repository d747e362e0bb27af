using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public sealed class PlanArithmeticTests
{
    private static Allocation A(string zone, string member, string offering, int units, int coresPerUnit, decimal price) =>
        new(zone, member, ProviderKind.AlibabaCloud, offering, "ecs.c7." + offering, units, units * coresPerUnit, units * price);

    private static Plan PlanOf(params Allocation[] allocations) =>
        new(Guid.NewGuid(), Guid.NewGuid(), allocations, 0, null, 0m, DateTimeOffset.UnixEpoch);

    [Fact]
    public void SpreadBound_Shortfall_AddsUpFromRequestedPlannedAndTheLargestZone()
    {
        // The reader saw "453,936 planned of 500,000, yet 197,376 short": the zone-loss rule binds.
        var plan = PlanOf(A("bj-1", "h", "x", 100, 8, 1m), A("bj-2", "i", "y", 50, 8, 1m));

        var sums = PlanArithmetic.Of(plan, 1000, 1m);

        Assert.Equal((1000, 1200, "bj-1", 800, 400, 1000), (sums.RequestedCores, sums.PlannedCores, sums.LargestZoneId, sums.LargestZoneCores, sums.SurvivingCores, sums.MustSurviveCores));
        Assert.Equal(600, sums.ShortfallCores);
        Assert.True(sums.ShortBecauseOfSpread);
        Assert.Equal(Planner.Shortfall(plan.Allocations, 1000, 1m), sums.ShortfallCores);
    }

    [Theory]
    [InlineData(1000, 1.0, 10, 20, 30)]
    [InlineData(1000, 0.5, 40, 40, 40)]
    [InlineData(64, 1.0, 4, 4, 4)]
    [InlineData(5000, 0.7, 100, 0, 50)]
    public void Shortfall_IsThePlannersOwnCount(int requested, double share, int u1, int u2, int u3)
    {
        var plan = PlanOf(A("bj-1", "h", "x", u1, 8, 1m), A("bj-2", "i", "y", u2, 16, 1m), A("bj-3", "j", "z", u3, 4, 1m));

        var sums = PlanArithmetic.Of(plan, requested, (decimal)share);

        Assert.Equal(Planner.Shortfall(plan.Allocations, requested, (decimal)share), sums.ShortfallCores);
        Assert.Equal(sums.ShortfallCores, Math.Max(sums.MissingCores, sums.MissingAfterLossCores));
    }

    [Fact]
    public void Rows_OfOneZoneAndOffering_AreMergedIntoOne()
    {
        // After a failover the re-plan kept the old allocation and added more of the same offering.
        var rows = AllocationRows.Merged([A("bj-2", "i", "y", 10, 8, 2m), A("bj-1", "h", "x", 5, 8, 1m), A("bj-2", "i", "y", 4, 8, 2m)]);

        Assert.Equal(2, rows.Count);
        Assert.Equal(("bj-1", 5), (rows[0].InternalZoneId, rows[0].Units));
        Assert.Equal(("bj-2", 14, 112, 28m), (rows[1].InternalZoneId, rows[1].Units, rows[1].Cores, rows[1].CostPerHour));
    }
}
