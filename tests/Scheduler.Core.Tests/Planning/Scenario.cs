using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

/// <summary>Builds small topologies and planning inputs for the planner's example tests.</summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);
    private const string Region = "cn-beijing";

    private readonly List<InternalZone> _zones = [];
    private readonly List<MemberZone> _members = [];
    private readonly List<Offering> _offerings = [];

    public Scenario Zone(string id, ZoneHealth health = ZoneHealth.Healthy)
    {
        _zones.Add(new InternalZone(id, Region, id, health, null, Start));
        return this;
    }

    /// <summary>An IDC host class in the zone's IDC hall "{zone}-idc" (created on first use).</summary>
    public Scenario Idc(string zone, string id, int cores, decimal? price, int stock, ZoneHealth hall = ZoneHealth.Healthy) =>
        Add(zone, $"{zone}-idc", ProviderKind.Idc, hall, id, cores, price, stock, "host");

    /// <summary>An ECS instance type in the zone's Alibaba Cloud zone "{zone}-ali" (created on first use).</summary>
    public Scenario Cloud(string zone, string id, int cores, decimal? price, int stock, ZoneHealth member = ZoneHealth.Healthy, string family = "ecs.c7") =>
        Add(zone, $"{zone}-ali", ProviderKind.AlibabaCloud, member, id, cores, price, stock, family);

    private Scenario Add(string zone, string memberId, ProviderKind provider, ZoneHealth health, string id, int cores, decimal? price, int stock, string family)
    {
        if (!_members.Any(m => m.Id == memberId)) _members.Add(new MemberZone(memberId, zone, provider, memberId, health));
        _offerings.Add(new Offering(id, memberId, provider, id, family, cores, price, stock, Start));
        return this;
    }

    public TopologySnapshot Topology() => new([new Region(Region, "Beijing")], [.. _zones], [.. _members], [.. _offerings]);

    public PlanningInput Input(int cores, ServiceTier tier = ServiceTier.Stateless, bool cloudAllowed = true,
        decimal share = 1m, decimal budget = 1_000_000m, double hours = 10, IReadOnlyList<string>? zones = null) =>
        new(Guid.Parse("00000000-0000-0000-0000-000000000001"),
            new PlanningRequest(Guid.Parse("00000000-0000-0000-0000-000000000002"), tier, cloudAllowed, cores, Region,
                zones ?? [], Start, Start.AddHours(hours), share),
            Topology(), budget, Start.AddDays(-1));

    public static int CoresIn(Plan plan, string zone) => plan.Allocations.Where(a => a.InternalZoneId == zone).Sum(a => a.Cores);

    /// <summary>Cores left after losing the internal zone that holds the most.</summary>
    public static int SurvivingWorstZoneLoss(Plan plan) =>
        plan.PlannedCores - plan.Allocations.GroupBy(a => a.InternalZoneId).Select(g => g.Sum(a => a.Cores)).DefaultIfEmpty().Max();
}
