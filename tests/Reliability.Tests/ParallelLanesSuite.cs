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
/// Batches of different (provider, member zone) lanes are in flight together, never more than
/// Scheduling:MaxParallelBatches. Behaviour, not speed: the provider holds the first call until a
/// second one arrives, which happens only if lanes really overlap.
/// </summary>
public abstract class ParallelLanesSuite(StorageProvider storage)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");

    [Fact]
    public async Task Lanes_OfDifferentMemberZones_RunSideBySide_UpToTheConfiguredLimit()
    {
        var overlap = new OverlapProbe(expected: 2);
        await using var core = await ConsoleCore.StartAsync(storage, services =>
        {
            services.Configure<SchedulingOptions>(o => o.MaxParallelBatches = 2);
            services.AddSingleton<ICapacityProvider>(sp => new OverlapProvider(sp.GetRequiredService<IdcProvider>(), overlap));
        });
        var now = core.Clock.GetUtcNow();
        var requests = core.Get<RequestService>();
        // HotCache stays on IDC and spreads over the region's halls: one lane per hall.
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("product-detail-cache", 1920, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak"), new Actor("owner", "trade", Role.ServiceOwner), submit: true);
        var request = await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), null);
        var plan = (await core.Get<PlanRepository>().GetCurrentAsync(request.Id))!;
        Assert.True(plan.Allocations.Select(a => a.MemberZoneId).Distinct().Count() > 2, "The plan must have more lanes than the limit.");

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.True(overlap.Released, "No two lanes were ever in flight together.");
        Assert.Equal(2, overlap.MaxInFlight);
    }

    /// <summary>Counts calls in flight; the first waits until <c>expected</c> are in flight at once (or gives up, failing the test).</summary>
    public sealed class OverlapProbe(int expected)
    {
        private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _max;

        public int MaxInFlight => Volatile.Read(ref _max);
        public bool Released => _together.Task.IsCompletedSuccessfully;

        public async Task<IDisposable> EnterAsync()
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen) { }
            if (now >= expected) _together.TrySetResult();
            // A guard against hanging when lanes do not overlap; the assertion on Released then fails.
            await Task.WhenAny(_together.Task, Task.Delay(TimeSpan.FromSeconds(30)));
            return new Exit(() => Interlocked.Decrement(ref _inFlight));
        }

        private sealed class Exit(Action exit) : IDisposable
        {
            public void Dispose() => exit();
        }
    }

    private sealed class OverlapProvider(ICapacityProvider inner, OverlapProbe probe) : ICapacityProvider
    {
        public ProviderKind Kind => inner.Kind;
        public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) => inner.ListOfferingsAsync(memberZoneId, ct);

        public async Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
        {
            using var _ = await probe.EnterAsync();
            return await inner.ProvisionAsync(command, ct);
        }

        public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(memberZoneId, resourceIds, ct);
        public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) => inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
    }
}

public sealed class SqliteParallelLanesTests() : ParallelLanesSuite(StorageProvider.Sqlite);

public sealed class PostgresParallelLanesTests() : ParallelLanesSuite(StorageProvider.Postgres);
