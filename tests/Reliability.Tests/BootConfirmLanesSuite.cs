using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// Looks at booting units overlap other work. The confirm phase asks lane by lane side by side, as the launches go out
/// (issue 15: with DescribeInstances taking about a second, asking one batch after another across
/// every lane made Active trail the last boot by a minute at 100,000 cores). Behaviour, not speed:
/// the provider's first "is it Running?" waits until a second one arrives, which happens only if the
/// lanes' polls really overlap. And a lane's first look at a batch overlaps its next send.
/// </summary>
public abstract class BootConfirmLanesSuite(StorageProvider storage)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");

    [Fact]
    public async Task BootPolls_OfDifferentMemberZones_RunSideBySide_UpToTheConfiguredLimit()
    {
        var overlap = new ParallelLanesSuite.OverlapProbe(expected: 2);
        var booting = new BootingProvider.Switch();
        await using var core = await ConsoleCore.StartAsync(storage, services =>
        {
            services.Configure<SchedulingOptions>(o => o.MaxParallelBootPolls = 2);
            services.AddSingleton<ICapacityProvider>(sp => new BootingProvider(sp.GetRequiredService<IdcProvider>(), booting, overlap));
        });
        var now = core.Clock.GetUtcNow();
        var requests = core.Get<RequestService>();
        // HotCache stays on IDC and spreads over the region's halls: one lane per hall.
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("product-detail-cache", 1920, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak"), new Actor("owner", "trade", Role.ServiceOwner), submit: true);
        var request = await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), null);
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.True(plan.Allocations.Select(a => a.MemberZoneId).Distinct().Count() > 2, "The plan must have more lanes than the limit.");
        var provisioning = core.Get<ProvisioningService>();

        // First pass: every batch is sent, and its units still boot.
        await provisioning.PrewarmAsync(request.Id);
        var afterLaunch = (await core.Get<RequestRepository>().GetAsync(request.Id)).State;
        // Then they are up, and the next pass asks every lane whether they are.
        booting.Up = true;
        await provisioning.PrewarmAsync(request.Id);

        Assert.Equal(RequestState.Provisioning, afterLaunch);
        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.True(overlap.Released, "No two lanes' boot polls were ever in flight together.");
        Assert.Equal(2, overlap.MaxInFlight);
    }

    [Fact]
    public async Task ALane_SendsItsNextBatch_WhileThePreviousBatchsBootIsLookedAt()
    {
        var pipelined = new PipelineProvider.Probe();
        await using var core = await ConsoleCore.StartAsync(storage, services =>
        {
            // One lane at a time and small batches: only the overlap of a look and the next send can release the probe.
            services.Configure<SchedulingOptions>(o => (o.MaxParallelBatches, o.MaxUnitsPerBatch) = (1, 2));
            services.AddSingleton<ICapacityProvider>(sp => new PipelineProvider(sp.GetRequiredService<IdcProvider>(), pipelined));
        });
        var now = core.Clock.GetUtcNow();
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("product-detail-cache", 1920, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak"), new Actor("owner", "trade", Role.ServiceOwner), submit: true);
        var request = await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), null);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.True(pipelined.SentWhileLooking, "The lane waited for each batch's first look before sending the next batch.");
    }

    /// <summary>The first look at a batch's boot waits (up to 30 s) until the next batch is sent while it is in flight.</summary>
    private sealed class PipelineProvider(ICapacityProvider inner, PipelineProvider.Probe probe) : ICapacityProvider
    {
        public sealed class Probe
        {
            private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _looks;
            private volatile bool _looking;

            public bool SentWhileLooking => _sent.Task.IsCompletedSuccessfully;

            public async Task LookAsync()
            {
                if (Interlocked.Increment(ref _looks) != 1) return;
                _looking = true;
                await Task.WhenAny(_sent.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                _looking = false;
            }

            public void Sending()
            {
                if (_looking) _sent.TrySetResult();
            }
        }

        public ProviderKind Kind => inner.Kind;
        public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) => inner.ListOfferingsAsync(memberZoneId, ct);
        public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(memberZoneId, resourceIds, ct);

        public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
        {
            probe.Sending();
            return inner.ProvisionAsync(command, ct);
        }

        public async Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct)
        {
            if (tagKey == OwnerTags.Batch) await probe.LookAsync();
            return await inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
        }
    }

    /// <summary>IDC hosts are usable at once; this one reports them booting until the test says they are up, and counts the polls then.</summary>
    private sealed class BootingProvider(ICapacityProvider inner, BootingProvider.Switch booting, ParallelLanesSuite.OverlapProbe probe) : ICapacityProvider
    {
        public sealed class Switch { public volatile bool Up; }

        public ProviderKind Kind => inner.Kind;
        public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) => inner.ListOfferingsAsync(memberZoneId, ct);
        public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct) => inner.ProvisionAsync(command, ct);
        public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(memberZoneId, resourceIds, ct);

        public async Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct)
        {
            var listed = await inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
            if (!booting.Up) return listed.Select(r => r with { Status = "Pending" }).ToList();
            if (tagKey != OwnerTags.Batch) return listed;
            using var _ = await probe.EnterAsync();
            return listed;
        }
    }
}

public sealed class SqliteBootConfirmLanesTests() : BootConfirmLanesSuite(StorageProvider.Sqlite);

public sealed class PostgresBootConfirmLanesTests() : BootConfirmLanesSuite(StorageProvider.Postgres);
