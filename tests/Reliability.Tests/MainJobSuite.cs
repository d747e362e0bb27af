using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Release;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// The main job from approval to Released through the real executor and the IDC provider, with the
/// clock moved by the test: nothing leaks, nothing is duplicated, money is exact, every step audited.
/// </summary>
public abstract class MainJobSuite(StorageProvider storage)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner);
    private static readonly Actor PlannerActor = new("planner", null, Role.Planner);

    private async Task<(ConsoleCore Core, CoreQuotaRequest Request)> ApprovedAsync(int cores = 1920, Action<IServiceCollection>? configure = null)
    {
        var core = await ConsoleCore.StartAsync(storage, configure);
        var now = core.Clock.GetUtcNow();
        // HotCache stays on IDC (brief §5.1), so the IDC provider serves the whole plan.
        var input = new NewCoreQuotaRequest("product-detail-cache", cores, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak");
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(input, Owner, submit: true);
        return (core, await requests.ApproveAsync(filed.Id, PlannerActor, null));
    }

    [Fact]
    public async Task Request_GoesFromApprovalToReleased_WithExactSpend_AndNothingLeft()
    {
        var (core, request) = await ApprovedAsync();
        await using var _ = core;
        Assert.Contains(("prewarm", request.Id, request.PrewarmAt), core.Jobs.Scheduled);

        core.Clock.SetUtcNow(request.PrewarmAt);
        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        var requests = core.Get<RequestRepository>();
        Assert.Equal(RequestState.Active, (await requests.GetAsync(request.Id)).State);
        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.Equal(plan.Allocations.Sum(a => a.Units), resources.Count);
        var idc = core.Get<IdcProvider>();
        var tagged = await idc.ListByOwnerTagAsync(OwnerTags.Request, request.Id.ToString("D"), default);
        Assert.Equal(resources.Select(r => r.Id).Order(), tagged.Select(t => t.Id).Order());
        Assert.All(tagged, t => Assert.Equal("capacity-console", t.Tags[OwnerTags.Owner]));

        var releaseAt = request.WindowEnd + TimeSpan.FromMinutes(15);
        Assert.Contains(("release", request.Id, releaseAt), core.Jobs.Scheduled);
        core.Clock.SetUtcNow(releaseAt);
        await core.Get<ReleaseService>().ReleaseAsync(request.Id);

        var released = await requests.GetAsync(request.Id);
        Assert.Equal(RequestState.Released, released.State);
        Assert.Empty(await idc.ListByOwnerTagAsync(OwnerTags.Owner, "capacity-console", default));
        var hours = (decimal)(releaseAt - request.PrewarmAt).Ticks / TimeSpan.TicksPerHour;
        var expected = Math.Round(plan.Allocations.Sum(a => a.CostPerHour) * hours, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, released.ActualSpend);
        var budget = await core.Get<BudgetRepository>().GetAsync(FlashSaleBudget);
        Assert.Equal(0m, budget.Committed);
        Assert.Equal(expected, budget.Actual);

        var trail = (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", request.Id.ToString())).Select(e => e.Action).ToList();
        Assert.Equal(["File and submit", "Approve", "Start provisioning", "Activate", "Start release", "Complete release"], trail);
    }

    [Fact]
    public async Task PrewarmAndRelease_RunTwice_ChangeNothingTheSecondTime()
    {
        var (core, request) = await ApprovedAsync();
        await using var _ = core;
        var provisioning = core.Get<ProvisioningService>();
        await provisioning.PrewarmAsync(request.Id);
        var first = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        await provisioning.PrewarmAsync(request.Id);
        Assert.Equal(first.Select(r => r.Id), (await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id)).Select(r => r.Id));

        core.Clock.Advance(TimeSpan.FromHours(7));
        await core.Get<ReleaseService>().ReleaseAsync(request.Id);
        var settled = await core.Get<RequestRepository>().GetAsync(request.Id);
        core.Clock.Advance(TimeSpan.FromHours(1));
        await core.Get<ReleaseService>().ReleaseAsync(request.Id);
        Assert.Equal(settled.ActualSpend, (await core.Get<RequestRepository>().GetAsync(request.Id)).ActualSpend);
        Assert.Equal(settled.ActualSpend, (await core.Get<BudgetRepository>().GetAsync(FlashSaleBudget)).Actual);
    }

    [Fact]
    public async Task KilledAfterTheProviderCall_ResumesWithoutDuplicatesOrLeaks()
    {
        var crash = new CrashAfterCall();
        var (core, request) = await ApprovedAsync(configure: services =>
            services.AddSingleton<ICapacityProvider>(sp => new CrashingProvider(sp.GetRequiredService<IdcProvider>(), crash)));
        await using var _ = core;
        var provisioning = core.Get<ProvisioningService>();

        crash.Armed = true;
        await Assert.ThrowsAsync<ProcessKilledException>(() => provisioning.PrewarmAsync(request.Id));
        Assert.Empty(await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id));

        crash.Armed = false;
        await provisioning.PrewarmAsync(request.Id);

        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        var held = await core.Get<IdcProvider>().ListByOwnerTagAsync(OwnerTags.Request, request.Id.ToString("D"), default);
        Assert.Equal(held.Select(h => h.Id).Order(), resources.Select(r => r.Id).Order());
        Assert.Equal(resources.Count, resources.Select(r => r.Id).Distinct().Count());
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
    }

    [Fact]
    public async Task StockOut_RePlansTheRemainder_InTheSamePass()
    {
        var (core, request) = await ApprovedAsync();
        await using var _ = core;
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        var first = plan.Allocations[0];
        // Another tenant takes every free host of the first planned offering before the pre-warm.
        var idc = core.Get<IdcProvider>();
        var free = (await idc.ListOfferingsAsync(first.MemberZoneId, default)).Single(o => o.InstanceType == first.InstanceType).Stock.Units!.Value;
        await idc.ProvisionAsync(new ProvisionCommand(first.MemberZoneId, first.InstanceType, free, "other-tenant",
            new Dictionary<string, string> { [OwnerTags.Owner] = "someone-else" }, null), default);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        var active = await core.Get<RequestRepository>().GetAsync(request.Id);
        Assert.Equal(RequestState.Active, active.State);
        var resources = await core.Get<ProvisioningRepository>().ListResourcesAsync(request.Id);
        Assert.True(resources.Sum(r => r.Cores) >= request.Cores);
        Assert.DoesNotContain(resources, r => r.OfferingId == first.OfferingId);
        var order = (await core.Get<ProvisioningRepository>().GetOrderAsync(request.Id))!;
        var timeline = await core.Get<ProvisioningRepository>().ListEventsAsync(order.Id);
        Assert.Contains(timeline, e => e.Message.StartsWith("Re-planned after a stock-out", StringComparison.Ordinal));
        var budget = await core.Get<BudgetRepository>().GetAsync(FlashSaleBudget);
        Assert.Equal(active.CommittedAmount, budget.Committed);
    }
}

public sealed class SqliteMainJobTests() : MainJobSuite(StorageProvider.Sqlite);

public sealed class PostgresMainJobTests() : MainJobSuite(StorageProvider.Postgres);
