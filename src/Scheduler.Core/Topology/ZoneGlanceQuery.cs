using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Topology;

/// <summary>Builds the dashboard's <see cref="DashboardGlance"/> from the zone overview, the resources since each stock refresh and the events' plans.</summary>
public sealed class ZoneGlanceQuery(Database db)
{
    /// <summary>Requests whose plans count as planned on a zone: decided and not over.</summary>
    internal static readonly RequestState[] PlannedStates =
        [RequestState.Approved, RequestState.Scheduled, RequestState.Provisioning, RequestState.Active];

    private readonly Lock _gate = new();
    private (ZoneOverview Overview, Task<DashboardGlance> Glance)? _recent;

    /// <summary>
    /// The glance of <paramref name="overview"/>. Live refreshes share one overview for a moment
    /// (<see cref="ZoneOverviewQuery.GetRecentAsync"/>, <see cref="ZoneOverviewQuery.GetReadAfterAsync"/>),
    /// and then share its glance too, including the read under way: an order's progress or a zone's
    /// health change reaches every open dashboard at once, and 500 of them asking together were 500 reads.
    /// </summary>
    public Task<DashboardGlance> GetAsync(ZoneOverview overview, CancellationToken ct = default)
    {
        Task<DashboardGlance> glance;
        lock (_gate)
        {
            if (_recent is { } r && ReferenceEquals(r.Overview, overview) && !r.Glance.IsFaulted && !r.Glance.IsCanceled) glance = r.Glance;
            else
            {
                glance = ReadSharedAsync(overview);
                _recent = (overview, glance);
            }
        }
        // One caller giving up does not cancel the read the others wait for.
        return glance.WaitAsync(ct);
    }

    private async Task<DashboardGlance> ReadSharedAsync(ZoneOverview overview)
    {
        await Task.Yield(); // out of the lock before the read starts
        return await ReadAsync(overview, CancellationToken.None);
    }

    private async Task<DashboardGlance> ReadAsync(ZoneOverview overview, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        // IDC cores taken from an offering after its stock was read (stock still counts them free), and
        // cores given back after it (stock still counts them taken).
        var sinceRefresh = await SinceRefreshAsync(c);
        var states = string.Join(", ", PlannedStates.Select(s => $"'{s}'"));
        var planRows = (await c.QueryAsync<(Guid RequestId, Guid PlanId, DateTimeOffset CreatedAt, string InternalZoneId, string Provider, long Cores)>(
            $"""
            SELECT p.request_id, p.id, p.created_at, a.internal_zone_id, a.provider, a.cores
            FROM plans p JOIN core_quota_requests q ON q.id = p.request_id JOIN allocations a ON a.plan_id = p.id
            WHERE q.state IN ({states})
            """)).AsList();
        return Build(overview, sinceRefresh, Planned(planRows));
    }

    private const string IdcOfferings = "o.price_per_hour IS NOT NULL AND o.provider = 'Idc'";

    private static async Task<Dictionary<string, int>> SinceRefreshAsync(System.Data.Common.DbConnection c)
    {
        var refreshes = (await c.QueryAsync<DateTimeOffset>($"SELECT o.refreshed_at FROM offerings o WHERE {IdcOfferings}")).AsList();
        if (refreshes.Count == 0) return [];
        // Bounded by the oldest refresh as a value, each half through its own index (migration 0023):
        // bounded only by each offering's refresh, a column of the joined table, the planner could not
        // tell how many resources are newer and read every resource ever recorded (issue 15: a
        // sequential scan, 166 ms at 100x the history). Now it reads the live resources created and
        // the resources released since the oldest refresh, never the history before it.
        return (await c.QueryAsync<(string MemberZoneId, long Taken, long Returned)>(
            $"""
            SELECT member_zone_id, SUM(taken), SUM(returned) FROM (
                SELECT r.member_zone_id, r.cores AS taken, 0 AS returned
                FROM resources r JOIN offerings o ON o.id = r.offering_id
                WHERE {IdcOfferings} AND r.state IN ({ProvisioningRepository.LiveStates}) AND r.created_at > @oldestRefresh AND r.created_at > o.refreshed_at
                UNION ALL
                SELECT r.member_zone_id, 0, r.cores
                FROM resources r JOIN offerings o ON o.id = r.offering_id
                WHERE {IdcOfferings} AND r.released_at > @oldestRefresh AND r.released_at > o.refreshed_at AND r.created_at <= o.refreshed_at
            ) since_refresh
            GROUP BY member_zone_id
            """, new { oldestRefresh = refreshes.Min() })).ToDictionary(r => r.MemberZoneId, r => (int)(r.Taken - r.Returned));
    }

    /// <summary>Cores of each request's current plan (newest, ties by id as PlanRepository) by internal zone and provider.</summary>
    internal static IReadOnlyDictionary<(string Zone, ProviderKind Provider), int> Planned(
        IEnumerable<(Guid RequestId, Guid PlanId, DateTimeOffset CreatedAt, string InternalZoneId, string Provider, long Cores)> rows)
    {
        var list = rows.ToList();
        var current = list.GroupBy(r => r.RequestId)
            .Select(g => g.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.PlanId).First().PlanId).ToHashSet();
        return list.Where(r => current.Contains(r.PlanId))
            .GroupBy(r => (r.InternalZoneId, Enum.Parse<ProviderKind>(r.Provider)))
            .ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Cores));
    }

    /// <summary>
    /// Free cores that fall as we hold them. IDC stock counts free hosts, so it fell at the last refresh
    /// for what we held then; what we took or gave back since is corrected here. Cloud stock is
    /// reported as a category that the adapter turns into a nominal count (EcsClientOptions), which does
    /// not fall as we hold cores: it is read as the zone's ceiling, of which what we hold is not free.
    /// </summary>
    internal static int Free(MemberZoneOverview m, IReadOnlyDictionary<string, int> takenSinceRefresh) =>
        m.Member.Provider == ProviderKind.AlibabaCloud
            ? Math.Max(0, m.Capacity.FreeCores - m.Capacity.AllocatedCores)
            : Math.Max(0, m.Capacity.FreeCores - takenSinceRefresh.GetValueOrDefault(m.Member.Id));

    public static DashboardGlance Build(ZoneOverview overview, IReadOnlyDictionary<string, int> takenSinceRefresh,
        IReadOnlyDictionary<(string Zone, ProviderKind Provider), int> planned)
    {
        var memberFree = overview.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Members)
            .ToDictionary(m => m.Member.Id, m => Free(m, takenSinceRefresh));
        CapacityGlance Of(InternalZoneOverview zone, ProviderKind provider)
        {
            var members = zone.Members.Where(m => m.Member.Provider == provider).ToList();
            return new CapacityGlance(members.Sum(m => m.Capacity.AllocatedCores), planned.GetValueOrDefault((zone.Zone.Id, provider)),
                members.Sum(m => memberFree[m.Member.Id]));
        }
        return new DashboardGlance(overview.Regions.SelectMany(r => r.Zones)
            .ToDictionary(z => z.Zone.Id, z => new ZoneGlance(z.Zone.Id, Of(z, ProviderKind.Idc), Of(z, ProviderKind.AlibabaCloud))), memberFree);
    }
}
