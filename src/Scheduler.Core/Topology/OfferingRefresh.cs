using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Topology;

/// <summary>What one stock and price refresh did.</summary>
public sealed record OfferingRefreshResult(int ZonesRefreshed, int ZonesFailed, int Offerings);

/// <summary>
/// Reads live stock and prices from every provider for every member zone and stores them. A zone
/// whose provider fails keeps its last good offerings (a failed refresh must not make capacity
/// look gone); a known offering the provider no longer lists stays, with stock 0. What was stored
/// is published (<see cref="StockRefreshed"/>), so open pages show the new stock without waiting.
/// </summary>
public sealed class OfferingRefresh(
    TopologyRepository topology, ProviderRegistry providers, LiveNotifier live, TimeProvider clock, ILogger<OfferingRefresh> logger,
    IOptions<ReportedStockOptions>? reported = null)
{
    private readonly ReportedStockOptions _reported = reported?.Value ?? new ReportedStockOptions();

    /// <summary>
    /// Member zones read at once. A zone's read is a few provider calls (ECS: stock, then a price per
    /// new instance type) of about a second each, so one zone after another made a platform's first
    /// refresh after start-up take minutes, all of them "stock not read yet"; the ECS client's
    /// per-action rate limits still bound what reaches the provider.
    /// </summary>
    internal const int ZonesAtOnce = 8;

    public async Task<OfferingRefreshResult> RefreshAsync(CancellationToken ct = default)
    {
        var snapshot = await topology.GetSnapshotAsync(ct);
        var known = snapshot.Offerings.ToLookup(o => o.MemberZoneId);
        var now = clock.GetUtcNow();
        var zones = snapshot.MemberZones.Where(z => providers.TryGet(z.Provider, out _)).ToList();
        var listed = new IReadOnlyList<ProviderOffering>?[zones.Count]; // null: that zone's read failed
        await Parallel.ForEachAsync(Enumerable.Range(0, zones.Count), new ParallelOptions { MaxDegreeOfParallelism = ZonesAtOnce, CancellationToken = ct },
            async (i, token) =>
            {
                var zone = zones[i];
                try
                {
                    listed[i] = await providers.For(zone.Provider).ListOfferingsAsync(zone.Id, token);
                }
                catch (ProviderException e)
                {
                    logger.LogWarning("Stock and price refresh of {MemberZone} failed ({Failure}); keeping the last good data: {Message}",
                        zone.Id, e.Failure, e.Message);
                }
            });

        var updated = new List<Offering>();
        var refreshedZones = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < zones.Count; i++)
        {
            if (listed[i] is not { } offerings) continue;
            var zone = zones[i];
            refreshedZones.Add(zone.InternalZoneId);
            var fresh = offerings.Select(o => ToOffering(zone, o, now)).ToList();
            var gone = known[zone.Id].Where(k => fresh.All(f => f.Id != k.Id)).Select(k => k with { Stock = 0, RefreshedAt = now });
            updated.AddRange(fresh.Concat(gone));
        }

        await topology.UpsertOfferingsAsync(updated, ct);
        if (refreshedZones.Count > 0) live.Publish(new StockRefreshed([.. refreshedZones], now));
        var refreshed = listed.Count(l => l is not null);
        return new OfferingRefreshResult(refreshed, zones.Count - refreshed, updated.Count);
    }

    /// <summary>
    /// Counted stock is stored as counted; a reported category is stored with the units assumed for it
    /// (<see cref="ReportedStockOptions"/>), marked as reported so planning knows the figure is an
    /// assumption and replaces it with what fulfilments taught (issue 13).
    /// </summary>
    private Offering ToOffering(MemberZone zone, ProviderOffering o, DateTimeOffset now)
    {
        var units = o.Stock.Kind == StockKind.Counted ? o.Stock.Units ?? 0 : _reported.AssumedUnits(o.Stock.Category!.Value);
        return new Offering(OfferingId(zone.Id, o.InstanceType), zone.Id, zone.Provider, o.InstanceType, o.Family, o.CoresPerUnit,
            o.PricePerHour, units, now)
        {
            StockKind = o.Stock.Kind,
            StockCategory = o.Stock.Category,
        };
    }

    public static string OfferingId(string memberZoneId, string instanceType) => $"{memberZoneId}/{instanceType}";
}
