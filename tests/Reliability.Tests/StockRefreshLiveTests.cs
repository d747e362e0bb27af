using System.Collections.Concurrent;
using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// The stock and price refresh tells open pages what it stored: one update naming the internal zones
/// whose provider answered, and not a zone it could not read (that zone keeps its last good offerings,
/// so nothing on screen changed there). It reads the zones several at a time.
/// </summary>
public sealed class StockRefreshLiveTests
{
    private const string UnreadableHall = "sh-idc-songjiang"; // sh-3's only IDC hall; the cloud is not configured here

    [Fact]
    public async Task ARefresh_PublishesTheZonesItRead_AndNotAZoneWhoseProviderFailed()
    {
        await using var core = await ConsoleCore.StartAsync(StorageProvider.Sqlite, services =>
            services.AddSingleton<ICapacityProvider>(sp => new HallThatFails(sp.GetRequiredService<IdcProvider>(), UnreadableHall)));
        var published = new ConcurrentQueue<StockRefreshed>();
        using var _ = core.Get<LiveNotifier>().Subscribe(LiveKeys.All, u => { if (u is StockRefreshed s) published.Enqueue(s); });
        var zones = (await core.Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Select(z => z.Id).ToList();

        var result = await core.Get<OfferingRefresh>().RefreshAsync();

        Assert.Equal(1, result.ZonesFailed);
        var update = Assert.Single(published);
        Assert.Equal(core.Clock.GetUtcNow(), update.At);
        Assert.Equal(zones.Where(z => z != "sh-3").Order(StringComparer.Ordinal), update.InternalZoneIds);
        Assert.Contains(LiveKeys.Zone("bj-1"), update.Keys);
        Assert.DoesNotContain(LiveKeys.Zone("sh-3"), update.Keys);
    }

    [Fact]
    public async Task ARefresh_ReadsZonesAtOnce_NotOneAfterAnother()
    {
        var halls = default(HallsThatWaitForEachOther);
        await using var core = await ConsoleCore.StartAsync(StorageProvider.Sqlite, services =>
            services.AddSingleton<ICapacityProvider>(sp => halls = new HallsThatWaitForEachOther(sp.GetRequiredService<IdcProvider>())));

        var result = await core.Get<OfferingRefresh>().RefreshAsync();

        Assert.Equal((8, 0), (result.ZonesRefreshed, result.ZonesFailed)); // the demo's IDC halls; no cloud configured here
        Assert.True(halls!.MostAtOnce >= 2, $"at most {halls.MostAtOnce} zone read at a time");
    }

    /// <summary>
    /// The real IDC provider, whose first read waits (up to 5 s) for a second one to start: read one
    /// after another, every read waits in vain and never more than one is in flight.
    /// </summary>
    private sealed class HallsThatWaitForEachOther(ICapacityProvider inner) : ICapacityProvider
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public ProviderKind Kind => inner.Kind;

        public async Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string zoneId, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            for (var seen = Volatile.Read(ref _most); now > seen; seen = Volatile.Read(ref _most))
                if (Interlocked.CompareExchange(ref _most, now, seen) == seen) break;
            if (now >= 2) _second.TrySetResult();
            try
            {
                await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(5), ct));
                return await inner.ListOfferingsAsync(zoneId, ct);
            }
            finally { Interlocked.Decrement(ref _inFlight); }
        }

        public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct) => inner.ProvisionAsync(command, ct);

        public Task ReleaseAsync(string zoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(zoneId, resourceIds, ct);

        public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
            inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
    }

    /// <summary>The real IDC provider, except that one hall's stock cannot be read.</summary>
    private sealed class HallThatFails(ICapacityProvider inner, string memberZoneId) : ICapacityProvider
    {
        public ProviderKind Kind => inner.Kind;

        public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string zoneId, CancellationToken ct) => zoneId == memberZoneId
            ? throw new ProviderException(ProviderFailure.Transient, $"{zoneId} did not answer.")
            : inner.ListOfferingsAsync(zoneId, ct);

        public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct) => inner.ProvisionAsync(command, ct);

        public Task ReleaseAsync(string zoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => inner.ReleaseAsync(zoneId, resourceIds, ct);

        public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
            inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
    }
}
