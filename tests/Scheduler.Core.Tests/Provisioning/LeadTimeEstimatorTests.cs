using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Provisioning;

/// <summary>The lead-time calculation (brief §9) on hand-made plans, with round numbers so every expected value can be checked by hand.</summary>
public sealed class LeadTimeEstimatorTests
{
    private static readonly Dictionary<ProviderKind, ProviderPace> NoHistory = [];
    private static readonly LeadTimeOptions Defaults = new()
    {
        IdcSecondsPerBatch = 2, IdcBootSeconds = 0, EcsSecondsPerBatch = 5, EcsBootSeconds = 60, EcsCallsPerSecond = 1000, EcsInstancesPerMinute = 1_000_000,
    };

    private static Allocation Ecs(string zone, int units) => new("bj-a", zone, ProviderKind.AlibabaCloud, $"ecs-{zone}", "ecs.c7.8xlarge", units, units * 32, units * 4m);
    private static Allocation Idc(string zone, int units) => new("bj-a", zone, ProviderKind.Idc, $"idc-{zone}", "idc.h96.general", units, units * 96, units * 3m);
    private static SchedulingOptions Scheduling(int maxUnits = 100, int parallel = 8) => new() { MaxUnitsPerBatch = maxUnits, MaxParallelBatches = parallel };

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(250, 3)]
    public void BatchesOf_RoundsUnitsUpToWholeBatches(int units, int batches) => Assert.Equal(batches, LeadTimeEstimator.BatchesOf(units, 100));

    [Fact]
    public void Estimate_OneLane_SendsItsBatchesInSequence_ThenBoots()
    {
        // 250 units → 3 batches of one lane: 3 × 5 s sending, then the last batch boots for 60 s.
        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 250)], NoHistory, TimeSpan.FromMinutes(30), Scheduling(), Defaults);

        Assert.Equal(TimeSpan.FromSeconds(75), e.Duration);
        Assert.Equal(3, e.Batches);
        Assert.Equal(1, e.Lanes);
    }

    [Fact]
    public void Estimate_TwoAllocationsInOneZone_ShareALane()
    {
        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 100), Ecs("cn-beijing-h", 100)], NoHistory, TimeSpan.FromMinutes(30), Scheduling(), Defaults);

        Assert.Equal(1, e.Lanes);
        Assert.Equal(TimeSpan.FromSeconds(2 * 5 + 60), e.Duration);
    }

    [Fact]
    public void Estimate_LanesBeyondMaxParallelBatches_WaitForAFreeWorker()
    {
        // Four lanes of 2 batches (10 s each) on two workers: two rounds of 10 s, then 60 s boot.
        Allocation[] plan = [Ecs("z1", 200), Ecs("z2", 200), Ecs("z3", 200), Ecs("z4", 200)];

        var twoAtATime = LeadTimeEstimator.Calculate(plan, NoHistory, TimeSpan.FromMinutes(30), Scheduling(parallel: 2), Defaults);
        var allAtOnce = LeadTimeEstimator.Calculate(plan, NoHistory, TimeSpan.FromMinutes(30), Scheduling(parallel: 8), Defaults);

        Assert.Equal(TimeSpan.FromSeconds(20 + 60), twoAtATime.Duration);
        Assert.Equal(TimeSpan.FromSeconds(10 + 60), allAtOnce.Duration);
        Assert.Equal(8, twoAtATime.Batches);
    }

    [Fact]
    public void Estimate_IdcHostsAreUsableAtOnce_WithoutABootDelay()
    {
        var e = LeadTimeEstimator.Calculate([Idc("bj-idc-1", 30)], NoHistory, TimeSpan.FromMinutes(5), Scheduling(maxUnits: 10), Defaults);

        Assert.Equal(TimeSpan.FromSeconds(3 * 2), e.Duration);
        Assert.False(Assert.Single(e.Basis).Learned);
    }

    [Fact]
    public void Estimate_EcsCallRateCeiling_BoundsManyParallelLanes()
    {
        // 8 lanes × 10 batches in parallel would take 50 s, but 80 calls at 1 call/s take 80 s.
        var plan = Enumerable.Range(1, 8).Select(i => Ecs($"z{i}", 1000)).ToList();
        var throttled = new LeadTimeOptions { EcsSecondsPerBatch = 5, EcsBootSeconds = 60, EcsCallsPerSecond = 1, EcsInstancesPerMinute = 1_000_000 };

        var e = LeadTimeEstimator.Calculate(plan, NoHistory, TimeSpan.FromMinutes(30), Scheduling(), throttled);

        Assert.Equal(TimeSpan.FromSeconds(80 + 60), e.Duration);
    }

    [Fact]
    public void Estimate_UsesTheLearnedPace_AndSaysSo()
    {
        var learned = new Dictionary<ProviderKind, ProviderPace> { [ProviderKind.AlibabaCloud] = new(ProviderKind.AlibabaCloud, 12, 90, 4) };

        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 200), Idc("bj-idc-1", 10)], learned, TimeSpan.FromMinutes(30), Scheduling(), Defaults);

        Assert.Equal(TimeSpan.FromSeconds(2 * 12 + 90), e.Duration);
        var ecs = e.Basis.Single(b => b.Provider == ProviderKind.AlibabaCloud);
        Assert.True(ecs.Learned);
        Assert.Equal(4, ecs.Orders);
        Assert.False(e.Basis.Single(b => b.Provider == ProviderKind.Idc).Learned);
        Assert.Contains("learned from 4 recent orders", e.BasisText);
        Assert.Contains("Idc: default", e.BasisText);
    }

    [Fact]
    public void Estimate_LearnedWithoutBootSamples_KeepsTheDefaultBoot()
    {
        var learned = new Dictionary<ProviderKind, ProviderPace> { [ProviderKind.AlibabaCloud] = new(ProviderKind.AlibabaCloud, 10, double.NaN, 1) };

        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 100)], learned, TimeSpan.FromMinutes(30), Scheduling(), Defaults);

        Assert.Equal(TimeSpan.FromSeconds(10 + 60), e.Duration);
        Assert.Contains("60 s boot, a default", e.BasisText);
    }

    [Fact]
    public void Estimate_LongerThanTheLead_Warns()
    {
        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 250)], NoHistory, TimeSpan.FromSeconds(60), Scheduling(), Defaults);

        Assert.True(e.ExceedsLead);
        Assert.Contains("longer than the pre-warm lead of 1 min:", e.Warning);
    }

    [Fact]
    public void Estimate_WithinTheLead_DoesNotWarn()
    {
        var e = LeadTimeEstimator.Calculate([Ecs("cn-beijing-h", 250)], NoHistory, TimeSpan.FromMinutes(2), Scheduling(), Defaults);

        Assert.False(e.ExceedsLead);
        Assert.Null(e.Warning);
    }

    [Theory]
    [InlineData("Batch 12: asking AlibabaCloud for 100 × ecs.c7.8xlarge in cn-beijing-h.", 12)]
    [InlineData("Batch 3: sending again (attempt 2).", 3)]
    [InlineData("Order started.", null)]
    public void SequenceOf_ReadsTheBatchNumber(string message, int? expected) => Assert.Equal(expected, LeadTimeHistory.SequenceOf(message));
}
