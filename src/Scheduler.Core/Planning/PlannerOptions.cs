using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>Knobs of the planning policy (brief §5) and of the node shapes plans use (issue 13).</summary>
public sealed record PlannerOptions
{
    public const string SectionName = "Planner";

    /// <summary>No node overhead, no minimum unit size, no type limit: plans in raw cores (the unit tests' policy).</summary>
    public static PlannerOptions Default { get; } = new();

    /// <summary>
    /// What an operator would pick (and the console's configuration sets, appsettings.json): half a
    /// core per ECS node for kubelet, daemonsets and system reserve; no nodes under 4 vCPU; at most
    /// two instance types per member zone unless a third saves more than 2%.
    /// </summary>
    public static PlannerOptions Operator { get; } = new()
    {
        CloudNodeOverheadCores = 0.5m,
        MinCoresPerUnit = 4,
        MaxInstanceTypesPerMemberZone = 2,
        TypeLimitMaxExtraCostShare = 0.02m,
    };

    /// <summary>
    /// Share of each IDC offering's stock that Stateless requests leave alone, so that hot-cache
    /// services (which stay on IDC, brief §5.1) still find IDC capacity during a burst (§5.2).
    /// 0.2 keeps a fifth of every IDC host class; the reserve is rounded up to whole units.
    /// </summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal IdcHeadroomForHotCache { get; init; } = 0.2m;

    /// <summary>
    /// Cores every IDC host keeps for itself (kubelet, daemonsets, system reserve). A unit's usable
    /// cores are its cores less this, rounded down to whole cores (pods are scheduled on whole cores),
    /// and the planner plans usable cores.
    /// </summary>
    [Range(typeof(decimal), "0", "1024")]
    public decimal IdcNodeOverheadCores { get; init; }

    /// <summary>The same for every cloud node (ECS), e.g. 0.5.</summary>
    [Range(typeof(decimal), "0", "1024")]
    public decimal CloudNodeOverheadCores { get; init; }

    /// <summary>The smallest unit (vCPU per node) a plan may use; 0 means any. A request may ask for more.</summary>
    [Range(0, MinUnit.Max)]
    public int MinCoresPerUnit { get; init; }

    /// <summary>At most this many instance types per member zone (null: no limit); must be at least 1.</summary>
    [Range(1, 1000)]
    public int? MaxInstanceTypesPerMemberZone { get; init; }

    /// <summary>The limit gives way when keeping to it would raise the plan's cost by more than this share.</summary>
    [Range(typeof(decimal), "0", "10")]
    public decimal TypeLimitMaxExtraCostShare { get; init; } = 0.02m;

    /// <summary>
    /// How close to a proven bound a plan's cost may stay and not be searched further, as a share: 0.0001
    /// (0.01%), the relative gap at which MIP solvers stop by default. A plan costing at most this much
    /// above the fractional optimum at its preference ranks is not polished (a lower bound on every plan
    /// of those ranks). 0 searches to the end. Issue 13, point 6: a 100k-core plan reaches the bound
    /// early, and the polish after it was half its time. Served cores are not traded for speed: a short
    /// plan's whole-unit moves stop only at the fractional most cores the budget buys (the gap there
    /// had left a quality-run plan one core below the optimum).
    /// </summary>
    [Range(typeof(decimal), "0", "0.05")]
    public decimal AcceptedGap { get; init; } = 0.0001m;

    /// <summary>
    /// How fast a cap learned from a partial fulfilment or a stock-out decays back (it doubles every
    /// period, see <see cref="LearnedStock"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan LearnedStockDoublingPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The overhead per unit for a provider's nodes.</summary>
    public decimal NodeOverheadCores(ProviderKind provider) =>
        provider == ProviderKind.Idc ? IdcNodeOverheadCores : CloudNodeOverheadCores;

    /// <summary>Usable cores of a unit of <paramref name="cores"/> vCPU from <paramref name="provider"/>.</summary>
    public int UsableCores(ProviderKind provider, int cores) => (int)Math.Floor(cores - NodeOverheadCores(provider));
}
