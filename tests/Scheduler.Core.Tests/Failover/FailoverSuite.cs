using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;

namespace CapacityConsole.Scheduler.Tests.Failover;

/// <summary>Zone health changes and failover through the real services, on SQLite and on PostgreSQL.</summary>
public abstract class FailoverSuite(StorageProvider storage)
{
    private static readonly TimeSpan Later = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task ZoneDown_ProvisionsTheReplacementFirst_ThenReleasesOnlyTheLostUnits()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var bj1 = await core.MemberZonesOfAsync("bj-1");
        var before = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var lost = before.Where(r => bj1.Contains(r.MemberZoneId)).ToList();
        var kept = before.Except(lost).ToList();
        Assert.NotEmpty(lost); // N+1 spreads the plan over every internal zone of the region
        var callsBefore = core.Idc.Calls.Count;
        core.Clock.Advance(Later);

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss in Yizhuang", CoreHost.OnCall, default);

        var failover = Assert.Single(result.Requests);
        Assert.Equal(request.Id, failover.RequestId);
        Assert.True(failover.Replanned);
        Assert.True(failover.ReplacementInPlace);
        Assert.Null(failover.Problem);
        Assert.Equal(lost.Sum(r => r.Cores), failover.CoresLost);
        Assert.Equal(lost.Sum(r => r.Cores), failover.CoresReleased);
        Assert.True(failover.CoresAdded > 0);
        Assert.Equal(0, failover.ShortfallCores);
        Assert.Equal(ZoneHealth.Healthy, result.PreviousHealth);

        var after = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var added = after.Where(r => before.All(b => b.Id != r.Id)).ToList();
        Assert.Equal(failover.CoresAdded, added.Sum(r => r.Cores));
        Assert.Equal(failover.AddedCostPerHour, added.Sum(r => r.PricePerHour));
        Assert.All(added, r => Assert.DoesNotContain(r.MemberZoneId, bj1));
        Assert.All(after.Where(r => lost.Any(l => l.Id == r.Id)), r => Assert.Equal(ResourceState.Released, r.State));
        Assert.All(after.Where(r => kept.Any(k => k.Id == r.Id)), r => Assert.Equal(ResourceState.Running, r.State));

        // Replacement first: every provision of the failover comes before the first release, and the
        // releases name exactly the lost units (nothing in a healthy zone).
        var calls = core.Idc.Calls.Skip(callsBefore).ToList();
        var firstRelease = calls.FindIndex(c => c.Call == "release");
        Assert.True(firstRelease > 0);
        Assert.All(calls.Take(firstRelease), c => Assert.Equal("provision", c.Call));
        Assert.Equal(added.Select(r => r.Id).Order(), calls.Take(firstRelease).SelectMany(c => c.Ids).Order());
        Assert.All(calls.Skip(firstRelease), c => Assert.Equal("release", c.Call));
        Assert.Equal(lost.Select(r => r.Id).Order(), calls.Skip(firstRelease).SelectMany(c => c.Ids).Order());
        Assert.DoesNotContain(core.Idc.Held, u => bj1.Contains(u.MemberZoneId));

        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.DoesNotContain(plan.Allocations, a => a.InternalZoneId == "bj-1");
        Assert.Equal(plan.PlannedCores, after.Where(r => r.State == ResourceState.Running).Sum(r => r.Cores));
        var stored = await core.Get<RequestRepository>().GetAsync(request.Id);
        Assert.Equal(RequestState.Active, stored.State);
        var budget = await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget);
        Assert.Equal(stored.CommittedAmount, budget.Committed);
        Assert.True(budget.Committed <= budget.Amount);
        Assert.True(stored.CommittedAmount >= plan.EstimatedTotal);
    }

    [Fact]
    public async Task ZoneDown_IsStoredAudited_AndPushedToItsWatchers()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var bj1 = core.Watch(LiveKeys.Zone("bj-1"));
        var bj2 = core.Watch(LiveKeys.Zone("bj-2"));
        var progress = core.Watch(LiveKeys.Request(request.Id));
        core.Clock.Advance(Later);

        await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "  power loss  ", CoreHost.OnCall, default);

        var zone = (await core.Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Single(z => z.Id == "bj-1");
        Assert.Equal((ZoneHealth.Down, "power loss", core.Clock.GetUtcNow()), (zone.Health, zone.HealthReason, zone.HealthChangedAt));
        var changed = Assert.IsType<ZoneHealthChanged>(Assert.Single(bj1));
        Assert.Equal(("bj-1", (string?)null, ZoneHealth.Down, "power loss"), (changed.InternalZoneId, changed.MemberZoneId, changed.Health, changed.Reason));
        Assert.Empty(bj2);
        Assert.Contains(progress, u => u is RequestProgressed p && p.RequestId == request.Id);

        var audit = core.Get<AuditLog>();
        var zoneTrail = Assert.Single(await audit.ListAsync(nameof(InternalZone), "bj-1"));
        Assert.Equal(("oncall", "Set health"), (zoneTrail.Actor, zoneTrail.Action));
        Assert.Contains("Healthy", zoneTrail.Before);
        Assert.Contains("Down", zoneTrail.After);
        var requestTrail = (await audit.ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action).ToList();
        // One release event per provider call: one per instance type the request ran in the Down zone.
        var downZones = await core.MemberZonesOfAsync("bj-1");
        var lostTypes = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id))
            .Where(r => downZones.Contains(r.MemberZoneId)).Select(r => (r.MemberZoneId, r.InstanceType)).Distinct().Count();
        Assert.True(lostTypes > 0);
        Assert.Equal(["File and submit", "Approve", "Start provisioning", "Activate", "Fail over", .. Enumerable.Repeat("Release lost resources", lostTypes)], requestTrail);
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        Assert.Contains(await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id), e => e.Message.StartsWith("Failover: internal zone bj-1 is Down"));
    }

    [Fact]
    public async Task SetHealth_IsForbidden_ForAPlanner_AndChangesNothing()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var watched = core.Watch(LiveKeys.All);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.PlannerActor, default));

        await AssertUnchangedAsync(core, request);
        Assert.Empty(watched);
    }

    [Fact]
    public async Task SetHealth_RequiresAReason_NamingTheField()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();

        var e = await Assert.ThrowsAsync<DomainValidationException>(() =>
            core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "  ", CoreHost.OnCall, default));

        Assert.Contains("Reason", e.Errors.Keys);
        await AssertUnchangedAsync(core, request);
    }

    [Fact]
    public async Task SetHealth_OfAnUnknownZone_IsNotFound()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var failover = core.Get<FailoverService>();

        var zone = await Assert.ThrowsAsync<NotFoundException>(() => failover.SetHealthAsync("bj-9", null, ZoneHealth.Down, "x", CoreHost.OnCall, default));
        // A real member zone named under the wrong internal zone is refused too.
        var member = await Assert.ThrowsAsync<NotFoundException>(() =>
            failover.SetHealthAsync("bj-2", "bj-idc-yizhuang", ZoneHealth.Down, "x", CoreHost.OnCall, default));

        Assert.Equal("bj-9", zone.Id);
        Assert.Contains("bj-idc-yizhuang", member.Id);
        var snapshot = await core.Get<TopologyRepository>().GetSnapshotAsync();
        Assert.All(snapshot.InternalZones, z => Assert.Equal(ZoneHealth.Healthy, z.Health));
        Assert.All(snapshot.MemberZones, z => Assert.Equal(ZoneHealth.Healthy, z.Health));
    }

    [Fact]
    public async Task MemberZoneDown_LeavesTheInternalZoneHealthy_AndFailsOverWhatRanThere()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var lost = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Where(r => r.MemberZoneId == "bj-idc-yizhuang").ToList();
        core.Clock.Advance(Later);

        var result = await core.SetHealthAndFailOverAsync("bj-1", "bj-idc-yizhuang", ZoneHealth.Down, "hall cooling failure", CoreHost.Admin, default);

        var failover = Assert.Single(result.Requests);
        Assert.Equal(lost.Sum(r => r.Cores), failover.CoresReleased);
        var snapshot = await core.Get<TopologyRepository>().GetSnapshotAsync();
        Assert.Equal(ZoneHealth.Healthy, snapshot.InternalZones.Single(z => z.Id == "bj-1").Health);
        var hall = snapshot.MemberZones.Single(m => m.Id == "bj-idc-yizhuang");
        Assert.Equal((ZoneHealth.Down, "hall cooling failure", (DateTimeOffset?)core.Clock.GetUtcNow()), (hall.Health, hall.HealthReason, hall.HealthChangedAt));
        Assert.Single(await core.Get<AuditLog>().ListAsync(nameof(MemberZone), "bj-idc-yizhuang"));
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        Assert.Contains(await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id), e => e.Message.StartsWith("Failover: member zone bj-idc-yizhuang is Down"));
    }

    [Fact]
    public async Task Degraded_ReplansNothing_AndReleasesNothing()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var plan = await core.Get<PlanRepository>().GetCurrentAsync(request.Id);
        var calls = core.Idc.Calls.Count;

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Degraded, "packet loss", CoreHost.OnCall, default);

        Assert.Empty(result.Requests);
        Assert.Equal(plan!.Id, (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!.Id);
        Assert.Equal(calls, core.Idc.Calls.Count);
    }

    [Fact]
    public async Task LostUnits_StayWhileTheReplacementBoots()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var bj1 = await core.MemberZonesOfAsync("bj-1");
        core.Idc.StatusOfNewUnits = "Pending";
        core.Clock.Advance(Later);

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);

        var failover = Assert.Single(result.Requests);
        Assert.True(failover.Replanned);
        Assert.False(failover.ReplacementInPlace);
        Assert.Contains("booting", failover.Problem);
        Assert.DoesNotContain(core.Idc.Calls, c => c.Call == "release");
        Assert.Contains(core.Idc.Held, u => bj1.Contains(u.MemberZoneId));

        core.Idc.BootAll();
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(1, report.FailoversAdvanced);
        Assert.DoesNotContain(core.Idc.Held, u => bj1.Contains(u.MemberZoneId));
        var after = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        Assert.DoesNotContain(after, r => r.State == ResourceState.Pending);
    }

    [Fact]
    public async Task LostUnits_StayUntilTheReplacementIsInPlace_AndTheReconcilerFinishes()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var bj1 = await core.MemberZonesOfAsync("bj-1");
        var lost = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Where(r => bj1.Contains(r.MemberZoneId)).ToList();
        core.Idc.FailProvision = _ => ProviderFailure.Throttled;
        core.Clock.Advance(Later);

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);

        var failover = Assert.Single(result.Requests);
        Assert.True(failover.Replanned);
        Assert.False(failover.ReplacementInPlace);
        Assert.Equal(0, failover.CoresReleased);
        Assert.Contains("Throttled", failover.Problem);
        Assert.All(await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id), r => Assert.Equal(ResourceState.Running, r.State));
        Assert.DoesNotContain(core.Idc.Calls, c => c.Call == "release");

        core.Idc.FailProvision = null;
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(1, report.FailoversAdvanced);
        var after = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        Assert.All(after.Where(r => lost.Any(l => l.Id == r.Id)), r => Assert.Equal(ResourceState.Released, r.State));
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.Equal(plan.PlannedCores, after.Where(r => r.State == ResourceState.Running).Sum(r => r.Cores));
        Assert.False((await core.Get<Reconciler>().ReconcileAsync()).RepairedAnything);
    }

    [Fact]
    public async Task ZoneDown_WhileProvisioning_CancelsWhatWasNotSentThere_AndThePrewarmFinishesOnTheNewPlan()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync();
        var bj1 = await core.MemberZonesOfAsync("bj-1");
        core.Clock.SetUtcNow(request.PrewarmAt);
        // The pre-warm starts, and the process dies right after its first batch (in bj-1, the first
        // zone of the plan) made its units: they exist at the provider, unrecorded, the batch still Sent.
        core.Idc.AfterProvision = _ => new OperationCanceledException("process killed (test)");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.Get<ProvisioningService>().PrewarmAsync(request.Id));
        Assert.Equal(RequestState.Provisioning, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.Contains(core.Idc.Held, u => bj1.Contains(u.MemberZoneId));
        core.Idc.AfterProvision = null;
        core.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);

        var failover = Assert.Single(result.Requests);
        Assert.Equal(RequestState.Provisioning, failover.State);
        Assert.Equal(0, failover.CoresLost);
        Assert.True(failover.CoresCancelled > 0);
        Assert.True(failover.CoresAdded > 0);
        Assert.True(failover.ReplacementInPlace);
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        var batches = await core.Get<ProvisioningRepository>().ListBatchesAsync(order.Id);
        Assert.All(batches.Where(b => bj1.Contains(b.MemberZoneId) && b.Attempts == 0), b => Assert.Equal(BatchState.Cancelled, b.State));
        Assert.DoesNotContain(batches, b => b.IsOpen);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        var running = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Where(r => r.State == ResourceState.Running).ToList();
        Assert.DoesNotContain(running, r => bj1.Contains(r.MemberZoneId));
        Assert.Equal(plan.PlannedCores, running.Sum(r => r.Cores));
        Assert.DoesNotContain(core.Idc.Held, u => bj1.Contains(u.MemberZoneId));
    }

    [Fact]
    public async Task MarkingAZoneDown_ReturnsAtOnce_WithTheFailoverScheduledAsAJob()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var before = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var calls = core.Idc.Calls.Count;
        core.Clock.Advance(Later);

        var result = await core.Get<FailoverService>().SetHealthAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);

        Assert.True(result.FailoverScheduled);
        Assert.Empty(result.Requests);
        Assert.Equal(["oncall"], core.FailoverJobs.Scheduled);
        Assert.Equal(calls, core.Idc.Calls.Count); // nothing provisioned or released inside the on-call's click
        Assert.Equal(before.Select(r => (r.Id, r.State)), (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Select(r => (r.Id, r.State)));
        var degraded = await core.Get<FailoverService>().SetHealthAsync("bj-2", null, ZoneHealth.Degraded, "packet loss", CoreHost.OnCall, default);
        Assert.False(degraded.FailoverScheduled);
        Assert.Single(core.FailoverJobs.Scheduled);
    }

    [Fact]
    public async Task ReplacementThatStocksOut_IsRePlannedAgain_BeforeTheLostUnitsGo()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var bj1 = await core.MemberZonesOfAsync("bj-1");
        core.Clock.Advance(Later);
        // The first replacement batch stocks out; the re-plan's are served.
        var refused = new List<string>();
        core.Idc.FailProvision = c =>
        {
            lock (refused) { if (refused.Count > 0) return null; refused.Add(c.MemberZoneId); }
            return ProviderFailure.InsufficientCapacity;
        };

        var result = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);

        var failover = Assert.Single(result.Requests);
        Assert.True(failover.ReplacementInPlace, failover.Problem);
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        var live = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Where(r => r.IsLive).ToList();
        Assert.DoesNotContain(live, r => bj1.Contains(r.MemberZoneId));
        Assert.Equal(plan.PlannedCores, live.Sum(r => r.Cores));
        Assert.NotEmpty(refused);
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        Assert.Contains(await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id),
            e => e.Message.StartsWith("Failover: the replacement stocked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ZoneDownTwice_ChangesNothingTheSecondTime()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        core.Clock.Advance(Later);
        await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "power loss", CoreHost.OnCall, default);
        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var plan = await core.Get<PlanRepository>().GetCurrentAsync(request.Id);
        var calls = core.Idc.Calls.Count;

        var again = await core.SetHealthAndFailOverAsync("bj-1", null, ZoneHealth.Down, "still down", CoreHost.OnCall, default);

        Assert.Empty(again.Requests);
        Assert.Equal(ZoneHealth.Down, again.PreviousHealth);
        Assert.Equal(calls, core.Idc.Calls.Count);
        Assert.Equal(plan!.Id, (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!.Id);
        Assert.Equal(resources.Select(r => (r.Id, r.State)), (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Select(r => (r.Id, r.State)));
    }

    [Fact]
    public async Task ZoneLossWhatIf_ShowsWhatSurvivesEachZoneLoss_AndWritesNothing()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync();
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        var rows = await CountRowsAsync(core);

        var report = await core.Get<ZoneLossWhatIf>().GetAsync(request.Id);

        Assert.Equal(await CountRowsAsync(core), rows);
        Assert.Equal(["bj-1", "bj-2", "bj-3", "bj-4"], report.Zones.Select(z => z.InternalZoneId));
        Assert.Equal((plan.PlannedCores, plan.EstimatedTotal), (report.PlannedCores, report.EstimatedTotal));
        foreach (var zone in report.Zones)
        {
            var inZone = plan.Allocations.Where(a => a.InternalZoneId == zone.InternalZoneId).Sum(a => a.Cores);
            Assert.Equal(inZone, zone.CoresLost);
            Assert.Equal(plan.PlannedCores - inZone, zone.CoresSurviving);
            // N+1 (survivable share 1): losing any one zone keeps every requested core.
            Assert.True(zone.KeepsRequestedCores);
            Assert.True(zone.KeepsSurvivableShare);
            Assert.True(zone.CoresAdded > 0);
            Assert.Equal(0, zone.ShortfallCores);
            Assert.Equal(zone.EstimatedTotalAfter - plan.EstimatedTotal, zone.ExtraCost);
        }
    }

    [Fact]
    public async Task ZoneLossWhatIf_OfAnUnknownRequest_IsNotFound()
    {
        await using var core = await CoreHost.StartAsync(storage);
        await Assert.ThrowsAsync<NotFoundException>(() => core.Get<ZoneLossWhatIf>().GetAsync(Guid.NewGuid()));
    }

    private static async Task AssertUnchangedAsync(CoreHost core, CoreQuotaRequest request)
    {
        var snapshot = await core.Get<TopologyRepository>().GetSnapshotAsync();
        Assert.Equal(ZoneHealth.Healthy, snapshot.InternalZones.Single(z => z.Id == "bj-1").Health);
        Assert.Empty(await core.Get<AuditLog>().ListAsync(nameof(InternalZone), "bj-1"));
        Assert.All(await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id), r => Assert.Equal(ResourceState.Running, r.State));
    }

    private static async Task<(long Plans, long Audit, long Batches, long Resources)> CountRowsAsync(CoreHost core)
    {
        await using var c = await core.Get<Database>().OpenAsync();
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plans"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_events"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM provisioning_batches"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM resources"));
    }
}

public sealed class SqliteFailoverTests() : FailoverSuite(StorageProvider.Sqlite);

public sealed class PostgresFailoverTests() : FailoverSuite(StorageProvider.Postgres);
