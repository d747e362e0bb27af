using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Requests;

/// <summary>Issue 14 point 2: one event's held and running cores, committed and accrued cost, steps and health on one axis.</summary>
public sealed class EventTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Resource Unit(string id, int cores, DateTimeOffset created, DateTimeOffset? running, DateTimeOffset? released, decimal price = 10m) =>
        new(id, ProviderKind.AlibabaCloud, "cn-beijing-h", "o", "ecs.c7.16xlarge", cores, Guid.Empty, null,
            released is null ? ResourceState.Running : ResourceState.Released, created, running, released, price);

    [Fact]
    public void Cores_StepUpAsUnitsAreCreated_AndDownAsTheyAreReleased_EndingNow()
    {
        var now = T0.AddMinutes(30);
        Resource[] units =
        [
            Unit("a", 64, T0, T0.AddMinutes(2), null),
            Unit("b", 64, T0, T0.AddMinutes(3), T0.AddMinutes(20)),
            Unit("c", 32, T0.AddMinutes(5), null, null),
            Unit("later", 99, now.AddMinutes(1), null, null),
        ];

        Assert.Equal(
            [new(T0, 128), new(T0.AddMinutes(5), 160), new(T0.AddMinutes(20), 96), new(now, 96)],
            EventTimeline.Cores(units, now));
        Assert.Equal(
            [new(T0.AddMinutes(2), 64), new(T0.AddMinutes(3), 128), new(T0.AddMinutes(20), 64), new(now, 64)],
            EventTimeline.Cores(units, now, running: true));
        Assert.Empty(EventTimeline.Cores([], now));
    }

    [Fact]
    public void Accrual_GrowsFromTheFirstUnit_AndEndsAtWhatTheSpendMeterChargesNow()
    {
        var now = T0.AddHours(2);
        Resource[] units = [Unit("a", 64, T0, T0, null, 12.5m), Unit("b", 64, T0.AddMinutes(30), T0.AddMinutes(31), T0.AddHours(1), 7.25m)];

        var accrued = EventTimeline.Accrual(units, now);

        Assert.Equal(EventTimeline.AccrualPoints, accrued.Count);
        Assert.Equal((T0, 0m), (accrued[0].At, accrued[0].Value));
        Assert.Equal((now, SpendMeter.Spend(units, now)), (accrued[^1].At, accrued[^1].Value));
        Assert.Equal(28.63m, accrued[^1].Value); // 2 h × 12.50 + 0.5 h × 7.25
        Assert.True(accrued.Zip(accrued.Skip(1)).All(p => p.Second.Value >= p.First.Value), "spend only grows");
        Assert.Empty(EventTimeline.Accrual([], now));
    }

    [Fact]
    public void Commitments_StepAtEachAuditedAmount_AndEndAtTheAmountNow()
    {
        AuditEvent Event(int minutes, string? after) => new(Guid.NewGuid(), T0.AddMinutes(minutes), "x", "CoreQuotaRequest", "r", "a", null, after);
        var trail = new[]
        {
            Event(0, """{"State":"Submitted","CommittedAmount":0}"""),
            Event(1, """{"State":"Scheduled","CommittedAmount":755.67}"""),
            Event(2, """{"State":"Provisioning"}"""),
            Event(9, """{"PlanId":"p","CommittedAmount":801.20}"""),
        };

        Assert.Equal(
            [new(T0, 0m), new(T0.AddMinutes(1), 755.67m), new(T0.AddMinutes(9), 801.20m), new(T0.AddMinutes(30), 801.20m)],
            EventTimeline.Commitments(trail, 801.20m, T0.AddMinutes(30)));
        Assert.Empty(EventTimeline.Commitments([], 0m, T0));
    }

    [Fact]
    public void Milestones_NameTheLifecycleSteps()
    {
        AuditEvent Event(int minutes, string action) => new(Guid.NewGuid(), T0.AddMinutes(minutes), "x", "CoreQuotaRequest", "r", action, null, null);
        var steps = EventTimeline.MilestonesOf([Event(0, "File and submit"), Event(1, "Approve"), Event(5, "Start provisioning"), Event(9, "Activate"), Event(40, "Start release")]);
        Assert.Equal(["approved", "provisioning started", "active", "release started"], steps.Select(s => s.Label));
    }
}

/// <summary>The timeline query over real tables: a provisioned event, its plan, its trail, a zone's health change.</summary>
public abstract class EventTimelineSuite(StorageProvider storage)
{
    [Fact]
    public async Task ActiveEvent_HoldsItsPlannedCores_AccruesFromCreation_AndMarksTheHealthOfItsZones()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        core.Clock.Advance(TimeSpan.FromMinutes(20));
        await core.Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync("bj-1", null, ZoneHealth.Degraded, "fans", CoreHost.OnCall);
        await core.Get<CapacityConsole.Scheduler.Failover.FailoverService>().SetHealthAsync("sh-1", null, ZoneHealth.Degraded, "other region", CoreHost.OnCall);
        core.Clock.Advance(TimeSpan.FromMinutes(10));

        var timeline = await core.Get<EventTimelineQuery>().GetAsync(request.Id);

        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var now = core.Clock.GetUtcNow();
        Assert.Equal(now, timeline.Now);
        Assert.True(timeline.From < request.PrewarmAt && timeline.To > request.WindowEnd);
        Assert.Equal(resources.Sum(r => r.Cores), timeline.HeldCores[^1].Value);
        Assert.Equal(timeline.PlannedCores, (int)timeline.HeldCores[^1].Value);
        Assert.Equal(SpendMeter.Spend(resources, now), timeline.Accrued[^1].Value);
        Assert.True(timeline.Accrued[^1].Value > 0);
        Assert.Equal(request.CommittedAmount, timeline.Committed[^1].Value);
        Assert.Contains("approved", timeline.Milestones.Select(m => m.Label));
        Assert.Contains("active", timeline.Milestones.Select(m => m.Label));
        var change = Assert.Single(timeline.HealthChanges);
        Assert.Equal(("bj-1", ZoneHealth.Degraded, "fans"), (change.InternalZoneId, change.Health, change.Reason));
    }
}

public sealed class SqliteEventTimelineTests() : EventTimelineSuite(StorageProvider.Sqlite);

public sealed class PostgresEventTimelineTests() : EventTimelineSuite(StorageProvider.Postgres);
