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

    public async Task<OfferingRefreshResult> RefreshAsync(CancellationToken ct = default)
    {
        var snapshot = await topology.GetSnapshotAsync(ct);
        var known = snapshot.Offerings.ToLookup(o => o.MemberZoneId);
        var now = clock.GetUtcNow();
        var updated = new List<Offering>();
        var refreshedZones = new SortedSet<string>(StringComparer.Ordinal);
        int refreshed = 0, failed = 0;

        foreach (var zone in snapshot.MemberZones)
        {
            if (!providers.TryGet(zone.Provider, out var provider)) continue;
            IReadOnlyList<ProviderOffering> listed;
            try
            {
                listed = await provider.ListOfferingsAsync(zone.Id, ct);
            }
            catch (ProviderException e)
            {
                failed++;
                logger.LogWarning("Stock and price refresh of {MemberZone} failed ({Failure}); keeping the last good data: {Message}",
                    zone.Id, e.Failure, e.Message);
                continue;
            }
            refreshed++;
            refreshedZones.Add(zone.InternalZoneId);
            var fresh = listed.Select(o => ToOffering(zone, o, now)).ToList();
            var gone = known[zone.Id].Where(k => fresh.All(f => f.Id != k.Id)).Select(k => k with { Stock = 0, RefreshedAt = now });
            updated.AddRange(fresh.Concat(gone));
        }

        await topology.UpsertOfferingsAsync(updated, ct);
        if (refreshedZones.Count > 0) live.Publish(new StockRefreshed([.. refreshedZones], now));
        return new OfferingRefreshResult(refreshed, failed, updated.Count);
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
