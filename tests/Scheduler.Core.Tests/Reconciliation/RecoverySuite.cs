using CapacityConsole.Scheduler.Accrual;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Reconciliation;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Failover;

namespace CapacityConsole.Scheduler.Tests.Reconciliation;

/// <summary>
/// Issue 12: work resumes within one reconciler pass of going silent, capacity that vanishes is
/// recorded and replaced, and a pre-warm that cannot succeed fails loudly and gives everything back.
/// </summary>
public abstract class RecoverySuite(StorageProvider storage)
{
    private static readonly TimeSpan Stalled = new ReconcilerOptions().StalledAfter;

    [Fact]
    public async Task SilentPrewarm_IsScheduledAgain_AfterStalledAfter_OncePerSilence_NotAfterFiveMinutes()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        // Killed with the answers in flight: the request is Provisioning, its batch Sent, its job gone.
        core.Idc.AfterProvision = _ => new OperationCanceledException("process killed (test)");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.Get<ProvisioningService>().PrewarmAsync(request.Id));
        core.Idc.AfterProvision = null;
        core.Jobs.Scheduled.Clear();
        var reconciler = core.Get<Reconciler>();

        core.Clock.Advance(Stalled / 2);
        Assert.Equal(0, (await reconciler.ReconcileAsync()).PrewarmsScheduled); // still within its last sign of life
        core.Clock.Advance(Stalled);
        var resumed = await reconciler.ReconcileAsync();
        var again = await reconciler.ReconcileAsync();

        Assert.Equal(1, resumed.PrewarmsScheduled);
        Assert.Equal(0, again.PrewarmsScheduled); // claimed in the row: neither this pass nor a second console doubles it
        Assert.Equal([("prewarm", request.Id, core.Clock.GetUtcNow())], core.Jobs.Scheduled);
        Assert.True(Stalled < TimeSpan.FromMinutes(1));

        // The scheduled job was lost too (another crash): the next silent stretch schedules it once more.
        core.Clock.Advance(Stalled + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await reconciler.ReconcileAsync()).PrewarmsScheduled);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        var rows = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Select(r => r.Id).Order().ToList();
        Assert.Equal(core.Idc.Held.Select(u => u.Id).Order().ToList(), rows); // 0 leaked, 0 duplicated
    }

    [Fact]
    public async Task KilledDuringTheBootWait_IsResumed_OnceTheBookedReCheckIsOverdue()
    {
        await using var core = await CoreHost.StartAsync(storage);
        core.Idc.StatusOfNewUnits = "Starting";
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        await core.Get<ProvisioningService>().PrewarmAsync(request.Id); // books its re-check in 2 s; then the process dies
        core.Jobs.Scheduled.Clear();
        core.Idc.BootAll();
        var reconciler = core.Get<Reconciler>();

        core.Clock.Advance(Stalled); // the re-check is 18 s overdue: still inside StalledAfter of it
        Assert.Equal(0, (await reconciler.ReconcileAsync()).PrewarmsScheduled);
        core.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await reconciler.ReconcileAsync()).PrewarmsScheduled);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
    }

    [Fact]
    public async Task KilledDuringTheRelease_IsResumed_AfterStalledAfter_AndFinishesWithNothingLeft()
    {
        await using var core = await CoreHost.StartAsync(storage);
        // The release call for the first zone dies with the process: the request stays Releasing.
        var request = await ReleaseKilledAsync(core);
        core.Jobs.Scheduled.Clear();

        core.Clock.Advance(Stalled + TimeSpan.FromSeconds(1));
        var report = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(1, report.ReleasesScheduled);
        Assert.Equal([("release", request.Id, core.Clock.GetUtcNow())], core.Jobs.Scheduled);
        await core.Get<CapacityConsole.Scheduler.Release.ReleaseService>().ReleaseAsync(request.Id);
        Assert.Equal(RequestState.Released, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.Empty(core.Idc.Held);
    }

    [Fact]
    public async Task ProviderErrorOnTheList_MarksNothingVanished_AndTheNextPassRepairs()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var gone = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id))[0];
        core.Idc.Forget(gone.Id);
        core.Idc.FailList = key => key == OwnerTags.Owner ? ProviderFailure.Throttled : null;

        var failed = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(0, failed.VanishedRecorded);
        Assert.All(await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id), r => Assert.Equal(ResourceState.Running, r.State));
        core.Idc.FailList = null;
        Assert.Equal(1, (await core.Get<Reconciler>().ReconcileAsync()).VanishedRecorded);
    }

    [Fact]
    public async Task UnitsGoneWhileTheRequestIsReleasing_AreTheReleasesToRecord_NotVanished()
    {
        await using var core = await CoreHost.StartAsync(storage);
        // The release started; its first provider call deleted the units and the process died before
        // writing that down (the fake cannot die between the two, so the call fails and the units go by hand).
        var request = await ReleaseKilledAsync(core);
        var first = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).GroupBy(r => r.MemberZoneId).First();
        foreach (var r in first) core.Idc.Forget(r.Id);

        var report = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(0, report.VanishedRecorded);
        var live = (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Where(x => x.IsLive).Select(x => x.Id).ToHashSet();
        Assert.All(first, r => Assert.Contains(r.Id, live)); // left for the release's retry to record
        Assert.DoesNotContain("Units vanished", (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action));
    }

    [Fact]
    public async Task BootPoll_IsBookedOnce_SoADuplicateRunDoesNotStartASecondPollChain()
    {
        await using var core = await CoreHost.StartAsync(storage);
        core.Idc.StatusOfNewUnits = "Starting";
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        core.Jobs.Scheduled.Clear();

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);
        await core.Get<ProvisioningService>().PrewarmAsync(request.Id); // a duplicate run before the booked re-check

        var polls = core.Jobs.Scheduled.Where(j => j.Job == "prewarm").ToList();
        var poll = Assert.Single(polls);
        Assert.Equal(core.Clock.GetUtcNow() + new SchedulingOptions().BootPollInterval, poll.At);
    }

    [Fact]
    public async Task VanishedUnits_OfAnActiveRequest_AreAuditedAlerted_AndReplacedThroughTheRePlan()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var repo = core.Get<ProvisioningRepository>();
        var before = await repo.ListResourcesAsync(request.Id);
        var gone = before.Take(3).ToList();
        foreach (var r in gone) core.Idc.Forget(r.Id);
        var alerts = core.Watch(LiveKeys.All);
        core.Clock.Advance(TimeSpan.FromMinutes(3));

        var report = await core.Get<Reconciler>().ReconcileAsync();

        Assert.Equal(3, report.VanishedRecorded);
        // At least what vanished (the planner may replace it with larger units to keep the spread).
        Assert.True(report.CoresReplaced >= gone.Sum(r => r.Cores), $"replaced {report.CoresReplaced}");
        var alert = Assert.Single(alerts.OfType<CapacityVanished>());
        Assert.Equal((request.Id, 3, gone.Sum(r => r.Cores)), (alert.RequestId, alert.Units, alert.Cores));
        Assert.Equal(gone.Select(r => r.MemberZoneId).Distinct().Order(), alert.MemberZoneIds);
        var trail = (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action).ToList();
        Assert.Contains("Units vanished", trail);
        Assert.Contains("Replace missing capacity", trail);
        var order = (await repo.GetOrderAsync(request.Id))!;
        var events = (await repo.ListEventsAsync(order.Id)).Select(e => e.Message).ToList();
        Assert.Contains(events, m => m.StartsWith("Vanished: 3 unit(s)", StringComparison.Ordinal));
        Assert.Contains(events, m => m.StartsWith("Replacing", StringComparison.Ordinal));
        // Desired capacity is back, none of it where the units vanished from, and the request is still Active.
        var held = await repo.HeldCoresAsync(request.Id);
        Assert.Equal(before.Sum(r => r.Cores) - gone.Sum(r => r.Cores) + report.CoresReplaced, held);
        Assert.Equal((await core.Get<CapacityConsole.Scheduler.Planning.PlanRepository>().GetCurrentAsync(request.Id))!.PlannedCores, held);
        var added = (await repo.ListResourcesAsync(request.Id)).Where(r => before.All(b => b.Id != r.Id)).ToList();
        Assert.Equal(report.CoresReplaced, added.Sum(r => r.Cores));
        // The offering that lost the most cores is avoided by the re-plan.
        var worst = gone.GroupBy(r => r.OfferingId).OrderByDescending(g => g.Sum(r => r.Cores)).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        Assert.DoesNotContain(added, r => r.OfferingId == worst);
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.False((await core.Get<Reconciler>().ReconcileAsync()).RepairedAnything);
    }

    [Fact]
    public async Task VanishedUnits_WithNoStockLeft_LeaveTheRequestShort_WithTheReason()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ActiveRequestAsync();
        var repo = core.Get<ProvisioningRepository>();
        var gone = (await repo.ListResourcesAsync(request.Id))[0];
        core.Idc.Forget(gone.Id);
        core.Idc.FailProvision = _ => ProviderFailure.InsufficientCapacity;
        core.Clock.Advance(TimeSpan.FromMinutes(3));

        // Each replacement stocks out, so each pass re-plans again elsewhere, until no offering is left.
        var order = (await repo.GetOrderAsync(request.Id))!;
        List<string> events = [];
        for (var pass = 0; pass < 20 && !events.Any(m => m.StartsWith("Short", StringComparison.Ordinal)); pass++)
        {
            await core.Get<Reconciler>().ReconcileAsync();
            events = (await repo.ListEventsAsync(order.Id)).Select(e => e.Message).ToList();
        }
        Assert.True(events.Count(m => m.StartsWith("Replacing", StringComparison.Ordinal)) >= 1);
        await core.Get<Reconciler>().ReconcileAsync();
        Assert.Single(await repo.ListEventsAsync(order.Id), e => e.Message.StartsWith("Short", StringComparison.Ordinal)); // said once
        Assert.Contains(events, m => m.StartsWith($"Short {gone.Cores:N0} cores: ", StringComparison.Ordinal));
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.DoesNotContain(await repo.ListBatchesAsync(order.Id), b => b.IsOpen);
        var shortfall = await core.Get<CapacityShortfall>().GetAsync(request.Id);
        Assert.Equal(gone.Cores, shortfall.Cores);
        Assert.False(string.IsNullOrWhiteSpace(shortfall.Reason));

        // Stock comes back: the next passes replace the cores and the request is whole again.
        core.Idc.FailProvision = null;
        core.Clock.Advance(TimeSpan.FromMinutes(15)); // past the stock-out memory
        for (var pass = 0; pass < 5 && (await core.Get<CapacityShortfall>().GetAsync(request.Id)).IsShort; pass++)
            await core.Get<Reconciler>().ReconcileAsync();
        Assert.False((await core.Get<CapacityShortfall>().GetAsync(request.Id)).IsShort);
    }

    [Fact]
    public async Task Prewarm_ThatCannotDeliverAnything_FailsWithAReason_AndGivesTheCommitmentBack()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var budgetBefore = await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget);
        var request = await core.ApprovedRequestAsync();
        Assert.True(request.CommittedAmount > 0);
        core.Idc.FailProvision = _ => ProviderFailure.InsufficientCapacity; // every zone, every offering
        core.Clock.SetUtcNow(request.PrewarmAt);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        var failed = await core.Get<RequestRepository>().GetAsync(request.Id);
        Assert.Equal(RequestState.Failed, failed.State);
        Assert.False(string.IsNullOrWhiteSpace(failed.FailureReason));
        Assert.True(failed.IsSettled);
        var budget = await core.Get<BudgetRepository>().GetAsync(CoreHost.FlashSaleBudget);
        Assert.Equal((budgetBefore.Committed, budgetBefore.Actual), (budget.Committed, budget.Actual));
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        Assert.Equal(ProvisioningOrderState.Failed, order.State);
        Assert.Contains(await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id), e => e.Message.StartsWith("Failed: ", StringComparison.Ordinal));
        Assert.Contains("Fail", (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action));
        Assert.Empty(core.Idc.Held);
        // Settled: the reconciler has nothing more to give back.
        Assert.Equal(0, (await core.Get<Reconciler>().ReconcileAsync()).ReleasesScheduled);
    }

    [Fact]
    public async Task Prewarm_WhoseRetriesAreExhausted_GivesTheBatchesUp_AndFailsLoudly()
    {
        await using var core = await CoreHost.StartAsync(storage, new() { ["Scheduling:MaxBatchAttempts"] = "2" });
        var request = await core.ApprovedRequestAsync();
        core.Idc.FailProvision = _ => ProviderFailure.Throttled;
        core.Clock.SetUtcNow(request.PrewarmAt);
        var prewarm = core.Get<ProvisioningService>();

        // Each run is Hangfire's retry (or the reconciler's resume); each batch is sent at most twice,
        // then given up, and the re-plans' batches likewise, until no offering is left.
        var runs = 0;
        for (; runs < 40; runs++)
        {
            try { await prewarm.PrewarmAsync(request.Id); break; }
            catch (ProviderException e) { Assert.Equal(ProviderFailure.Throttled, e.Failure); }
        }
        Assert.True(runs < 40, "the pre-warm never gave up");

        var failed = await core.Get<RequestRepository>().GetAsync(request.Id);
        Assert.Equal(RequestState.Failed, failed.State);
        Assert.Contains("Throttled", string.Join(" ", (await core.Get<ProvisioningRepository>().ListEventsAsync(
            (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!.Id)).Select(e => e.Message)));
        Assert.True(failed.IsSettled);
    }

    [Fact]
    public async Task UnitsThatNeverBoot_AreReleasedAfterTheBootTimeout_AndReplaced()
    {
        await using var core = await CoreHost.StartAsync(storage);
        core.Idc.StatusOfNewUnits = "Starting";
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        var prewarm = core.Get<ProvisioningService>();
        await prewarm.PrewarmAsync(request.Id);
        var stuck = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        Assert.All(stuck, r => Assert.Equal(ResourceState.Pending, r.State));
        core.Idc.StatusOfNewUnits = "Running"; // the replacements boot

        core.Clock.Advance(new SchedulingOptions().BootTimeout);
        await prewarm.PrewarmAsync(request.Id);

        var after = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        Assert.All(after.Where(r => stuck.Any(s => s.Id == r.Id)), r => Assert.Equal(ResourceState.Released, r.State));
        Assert.DoesNotContain(core.Idc.Held, u => stuck.Any(s => s.Id == u.Id));
        Assert.Equal(stuck.Sum(r => r.Cores), after.Where(r => r.State == ResourceState.Running).Sum(r => r.Cores));
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        Assert.Contains(await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id), e => e.Message.Contains("not Running within the boot timeout"));
    }

    [Fact]
    public async Task CrashBetweenCreateAndRecord_LosesNoFen_SpendStartsAtTheFirstSend()
    {
        await using var core = await CoreHost.StartAsync(storage);
        var request = await core.ApprovedRequestAsync();
        core.Clock.SetUtcNow(request.PrewarmAt);
        var sentAt = core.Clock.GetUtcNow();
        core.Idc.AfterProvision = _ => new OperationCanceledException("process killed (test)");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.Get<ProvisioningService>().PrewarmAsync(request.Id));
        core.Idc.AfterProvision = null;
        var madeBeforeCrash = core.Idc.Held.Select(u => u.Id).ToHashSet();
        core.Clock.Advance(TimeSpan.FromMinutes(10)); // the restart and the reconciler's resume take a while

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);
        core.Clock.Advance(TimeSpan.FromHours(1));
        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);

        // Units made before the crash are billed from then (70 min), the rest from their own first send (60 min).
        Assert.All(resources.Where(r => madeBeforeCrash.Contains(r.Id)), r => Assert.Equal(sentAt, r.CreatedAt));
        Assert.All(resources.Where(r => !madeBeforeCrash.Contains(r.Id)), r => Assert.Equal(sentAt.AddMinutes(10), r.CreatedAt));
        Assert.NotEmpty(madeBeforeCrash);
        var expected = Math.Round(resources.Sum(r => r.PricePerHour * (madeBeforeCrash.Contains(r.Id) ? 70m : 60m) / 60m), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, SpendMeter.Spend(resources, core.Clock.GetUtcNow()));
    }

    /// <summary>An Active request past its window whose release died with the process at its first provider call.</summary>
    private static async Task<CoreQuotaRequest> ReleaseKilledAsync(CoreHost core)
    {
        var request = await core.ActiveRequestAsync();
        core.Clock.SetUtcNow(request.WindowEnd + new SchedulingOptions().ReleaseGrace);
        core.Idc.FailRelease = _ => new OperationCanceledException("process killed (test)");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.Get<CapacityConsole.Scheduler.Release.ReleaseService>().ReleaseAsync(request.Id));
        core.Idc.FailRelease = null;
        Assert.Equal(RequestState.Releasing, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        return request;
    }
}

public sealed class SqliteRecoveryTests() : RecoverySuite(StorageProvider.Sqlite);

public sealed class PostgresRecoveryTests() : RecoverySuite(StorageProvider.Postgres);
