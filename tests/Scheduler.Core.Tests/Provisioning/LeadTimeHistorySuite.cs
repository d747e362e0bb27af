using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Provisioning;

/// <summary>The lead-time estimate learns each provider's pace from orders the executor really recorded, on SQLite and PostgreSQL.</summary>
public abstract class LeadTimeHistorySuite(StorageProvider storage)
{
    [Fact]
    public async Task Estimate_LearnsBatchAndBootTimes_FromRecordedOrders()
    {
        await using var host = await CoreHost.StartAsync(storage);
        var estimator = host.Get<LeadTimeEstimator>();
        var request = await host.ApprovedRequestAsync();
        var plan = (await host.Get<CapacityConsole.Scheduler.Planning.PlanRepository>().GetCurrentAsync(request.Id))!;
        var before = await estimator.EstimateAsync(plan, request.PrewarmLead);
        Assert.All(before.Basis, b => Assert.False(b.Learned));

        // Every IDC call takes 3 s on the clock, and the hosts report Running 40 s after they were recorded.
        host.Idc.StatusOfNewUnits = "Pending";
        host.Idc.AfterProvision = _ => { host.Clock.Advance(TimeSpan.FromSeconds(3)); return null; };
        host.Clock.SetUtcNow(request.PrewarmAt);
        await host.Get<ProvisioningService>().PrewarmAsync(request.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        host.Idc.BootAll();
        await host.Get<ProvisioningService>().PrewarmAsync(request.Id);
        Assert.Equal(RequestState.Active, (await host.Get<RequestRepository>().GetAsync(request.Id)).State);

        var after = await estimator.EstimateAsync(plan, request.PrewarmLead);

        var idc = after.Basis.Single(b => b.Provider == ProviderKind.Idc);
        Assert.True(idc.Learned);
        Assert.Equal(1, idc.Orders);
        // Lanes run side by side on one shared clock, each with up to MaxSendsPerLane sends in flight, so a batch
        // may also see its neighbours' 3 s: at least 3 s, never 0.
        var inFlight = after.Lanes * host.Get<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value.MaxSendsPerLane;
        Assert.True(idc.SecondsPerBatch >= 3 && idc.SecondsPerBatch <= 3 * inFlight, $"batch pace learned as {idc.SecondsPerBatch} s over {after.Lanes} lanes");
        Assert.True(idc.BootSeconds >= 40, $"boot learned as {idc.BootSeconds} s");
        Assert.True(after.Duration > before.Duration);
    }
}

public sealed class SqliteLeadTimeHistoryTests() : LeadTimeHistorySuite(StorageProvider.Sqlite);

public sealed class PostgresLeadTimeHistoryTests() : LeadTimeHistorySuite(StorageProvider.Postgres);
