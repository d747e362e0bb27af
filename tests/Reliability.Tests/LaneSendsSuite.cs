using System.Collections.Concurrent;
using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// A lane keeps up to Scheduling:MaxSendsPerLane of its batches in flight, never more (issue 15: one
/// at a time, a lane sent one call a second at real ECS latency). Behaviour, not speed: the provider
/// holds each zone's first send until a second send to the same zone arrives.
/// </summary>
public abstract class LaneSendsSuite(StorageProvider storage)
{
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");

    [Fact]
    public async Task ALane_HasUpToMaxSendsPerLane_InFlight()
    {
        var probe = new ZoneProbe();
        await using var core = await ConsoleCore.StartAsync(storage, services =>
        {
            services.Configure<SchedulingOptions>(o => (o.MaxSendsPerLane, o.MaxUnitsPerBatch) = (2, 2));
            services.AddSingleton<ICapacityProvider>(sp => new ZoneProbeProvider(sp.GetRequiredService<IdcProvider>(), probe));
        });
        var now = core.Clock.GetUtcNow();
        var requests = core.Get<RequestService>();
        var filed = await requests.FileAsync(new NewCoreQuotaRequest("product-detail-cache", 1920, "cn-beijing", [], now.AddHours(2), now.AddHours(6),
            TimeSpan.FromMinutes(30), FlashSaleBudget, "Double 12 peak"), new Actor("owner", "trade", Role.ServiceOwner), submit: true);
        var request = await requests.ApproveAsync(filed.Id, new Actor("planner", null, Role.Planner), null);

        await core.Get<ProvisioningService>().PrewarmAsync(request.Id);

        Assert.Equal(RequestState.Active, (await core.Get<RequestRepository>().GetAsync(request.Id)).State);
        Assert.True(probe.Overlapped, "No lane ever had two sends in flight.");
        Assert.Equal(2, probe.MaxInOneZone);
    }

    private sealed class ZoneProbe
    {
        private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _max;
        private int _first;

        public bool Overlapped => _together.Task.IsCompletedSuccessfully;
        public int MaxInOneZone => Volatile.Read(ref _max);

        public async Task<IDisposable> EnterAsync(string zone)
        {
            var now = _inFlight.AddOrUpdate(zone, 1, (_, n) => n + 1);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen) { }
            if (now >= 2) _together.TrySetResult();
            // Only the very first send waits (bounded), so a lane without overlap fails the test instead of hanging.
            if (Interlocked.Exchange(ref _first, 1) == 0) await Task.WhenAny(_together.Task, Task.Delay(TimeSpan.FromSeconds(30)));
            return new Exit(() => _inFlight.AddOrUpdate(zone, 0, (_, n) => n - 1));
        }

        private sealed class Exit(Action exit) : IDisposable
        {
            public void Dispose() => exit();
        }
    }

    private sealed class ZoneProbeProvider(ICapacityProvider inner, ZoneProbe probe) : ICapacityProvider
    {
        public ProviderKind Kind => inner.Kind;
        public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) => inner.ListOfferingsAsync(memberZoneId, ct);
        public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(memberZoneId, resourceIds, ct);
        public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) => inner.ListByOwnerTagAsync(tagKey, tagValue, ct);

        public async Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
        {
            using var _ = await probe.EnterAsync(command.MemberZoneId);
            return await inner.ProvisionAsync(command, ct);
        }
    }
}

public sealed class SqliteLaneSendsTests() : LaneSendsSuite(StorageProvider.Sqlite);

public sealed class PostgresLaneSendsTests() : LaneSendsSuite(StorageProvider.Postgres);
