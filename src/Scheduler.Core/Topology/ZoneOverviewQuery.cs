using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Provisioning;
using Dapper;

namespace CapacityConsole.Scheduler.Topology;

public sealed class ZoneOverviewQuery(Database db, TopologyRepository topology, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private (ZoneOverview Overview, DateTimeOffset At)? _recent;
    private (Task<ZoneOverview> Overview, DateTimeOffset Began)? _reading;

    /// <summary>
    /// The overview, reused for <paramref name="maxAge"/> across callers. A busy executor publishes a
    /// progress update per batch and every open dashboard reloaded the overview on each (issue 16):
    /// live refreshes share one read per interval instead; a page's first render reads fresh.
    /// </summary>
    public async Task<ZoneOverview> GetRecentAsync(TimeSpan maxAge, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_recent is { } r && now - r.At < maxAge) return r.Overview;
        }
        var overview = await GetAsync(ct);
        lock (_gate) _recent = (overview, now);
        return overview;
    }

    /// <summary>
    /// An overview whose read began after <paramref name="after"/>, shared by every caller that asks
    /// for one after the same moment. A zone's health change reaches every open dashboard at once, and
    /// each must show it, so a reused overview from before the change will not do; but the change was
    /// committed before it was published, so one read begun after the dashboards received it serves
    /// them all (500 dashboards: a read or two per change instead of 500).
    /// </summary>
    public Task<ZoneOverview> GetReadAfterAsync(DateTimeOffset after, CancellationToken ct = default)
    {
        Task<ZoneOverview> shared;
        lock (_gate)
        {
            if (_recent is { } r && r.At > after) return Task.FromResult(r.Overview);
            if (_reading is { } reading && reading.Began > after) shared = reading.Overview;
            else
            {
                var began = clock.GetUtcNow();
                shared = ReadSharedAsync(began);
                _reading = (shared, began);
            }
        }
        // One caller giving up does not cancel the read the others wait for.
        return shared.WaitAsync(ct);
    }

    private async Task<ZoneOverview> ReadSharedAsync(DateTimeOffset began)
    {
        await Task.Yield(); // out of the lock before the read starts
        try
        {
            var overview = await GetAsync(CancellationToken.None);
            lock (_gate)
                if (_recent is not { } r || r.At < began) _recent = (overview, began);
            return overview;
        }
        finally
        {
            lock (_gate)
                if (_reading is { } reading && reading.Began == began) _reading = null;
        }
    }

    public async Task<ZoneOverview> GetAsync(CancellationToken ct = default)
    {
        var snapshot = await topology.GetSnapshotAsync(ct);
        Dictionary<string, int> allocated;
        await using (var c = await db.OpenAsync(ct))
        {
            allocated = (await c.QueryAsync<(string MemberZoneId, long Cores)>(
                    $"SELECT member_zone_id, SUM(cores) FROM resources WHERE state IN ({ProvisioningRepository.LiveStates}) GROUP BY member_zone_id"))
                .ToDictionary(r => r.MemberZoneId, r => (int)r.Cores);
        }
        return Build(snapshot, allocated);
    }

    public static ZoneOverview Build(TopologySnapshot snapshot, IReadOnlyDictionary<string, int> allocatedByMemberZone)
    {
        var offeringsByZone = snapshot.Offerings.ToLookup(o => o.MemberZoneId);
        var membersByZone = snapshot.MemberZones.ToLookup(m => m.InternalZoneId);
        var zonesByRegion = snapshot.InternalZones.ToLookup(z => z.RegionId);

        MemberZoneOverview Member(MemberZone m)
        {
            var offerings = offeringsByZone[m.Id].ToList();
            var free = offerings.Where(o => o.PricePerHour is not null).Sum(o => o.Stock * o.CoresPerUnit);
            return new MemberZoneOverview(m, offerings.Count, new CoreCapacity(free, allocatedByMemberZone.GetValueOrDefault(m.Id)));
        }

        return new ZoneOverview(snapshot.Regions
            .Select(r => new RegionOverview(r, zonesByRegion[r.Id]
                .Select(z => new InternalZoneOverview(z, membersByZone[z.Id].Select(Member).ToList()))
                .ToList()))
            .ToList());
    }
}
