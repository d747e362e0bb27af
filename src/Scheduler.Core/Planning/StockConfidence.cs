using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Which of a plan's cores stand on stock someone confirmed (issue 13): cores on counted stock (IDC
/// hosts), and cloud cores within what recent fulfilments actually delivered in that member zone and
/// instance type. Everything else on a reported category is expected, and where nothing was learned
/// it rests on the nominal count assumed for the category — the plan marks that too.
/// </summary>
internal static class StockConfidence
{
    public static IReadOnlyList<Allocation> Mark(TopologySnapshot topology, IReadOnlyList<Allocation> plan)
    {
        var offerings = topology.Offerings.ToDictionary(o => o.Id, StringComparer.Ordinal);
        // An offering can appear twice (a re-plan's kept and added parts): its confirmed units are shared out in order.
        var confirmedLeft = new Dictionary<string, int>(StringComparer.Ordinal);
        var marked = new List<Allocation>(plan.Count);
        foreach (var a in plan)
        {
            if (!offerings.TryGetValue(a.OfferingId, out var o) || o.StockKind == StockKind.Counted)
            {
                // An offering gone from the topology keeps what its provider says about stock in general.
                var counted = o?.StockKind == StockKind.Counted || (o is null && a.Provider == ProviderKind.Idc);
                marked.Add(a with { StockBasis = counted ? StockBasis.Counted : StockBasis.Assumed, ConfirmedCores = counted ? a.Cores : 0 });
                continue;
            }
            var left = confirmedLeft.TryGetValue(a.OfferingId, out var l) ? l : o.ConfirmedUnits;
            var units = Math.Min(a.Units, left);
            confirmedLeft[a.OfferingId] = left - units;
            marked.Add(a with
            {
                StockBasis = o.StockLearned ? StockBasis.Learned : StockBasis.Assumed,
                ConfirmedCores = a.Units == 0 ? 0 : a.Cores / a.Units * units,
            });
        }
        return marked;
    }
}
