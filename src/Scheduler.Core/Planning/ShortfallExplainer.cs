using System.Globalization;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>Says why a plan falls short, in the causes a capacity planner acts on, with the numbers behind them.</summary>
internal static class ShortfallExplainer
{
    public static ShortfallCause Causes(CandidateSet set, PlanningRequest request, bool fitsIgnoringBudget)
    {
        if (fitsIgnoringBudget) return ShortfallCause.Budget;
        var causes = ShortfallCause.None;
        if (set.DownZones.Count > 0) causes |= ShortfallCause.ZonesDown;
        if (set.UsableCores < request.Cores) causes |= ShortfallCause.Stock;
        // Enough cores exist (or the tier rule hid some): the spread or the tier rule is what binds.
        if (set.UsableCores >= request.Cores || set.CoresForbiddenByTier > 0
            || set.OfferingsBelowMinUnit > 0 || set.OfferingsEatenByOverhead > 0) causes |= ShortfallCause.Constraints;
        return causes;
    }

    /// <param name="fullTotal">The estimate of the cheapest plan found for every core whatever the budget, when stock can hold them.</param>
    public static string Reason(CandidateSet set, PlanningInput input, IReadOnlyList<Allocation> plan, int shortfall,
        ShortfallCause causes, decimal? fullTotal)
    {
        var request = input.Request;
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            string.Format(c, "{0:N0} of {1:N0} cores cannot be planned", shortfall, request.Cores),
        };
        if (causes.HasFlag(ShortfallCause.Budget))
            parts.Add(fullTotal is { } total
                ? string.Format(c, "the budget left is {0:N2} CNY and buys {1:N0} cores with this spread; the cheapest plan found for all {2:N0} would cost {3:N2} CNY",
                    input.BudgetLeft, Planner.ServedCores(plan, request.Cores, request.SurvivableShare), request.Cores, total)
                : string.Format(c, "the budget left ({0:N2} CNY) does not cover every core", input.BudgetLeft));
        if (causes.HasFlag(ShortfallCause.Stock))
            parts.Add(string.Format(c, "usable stock holds {0:N0} cores{1}", set.UsableCores,
                set.StockedOutOfferings > 0 ? string.Format(c, " ({0} offerings skipped as recently stocked out)", set.StockedOutOfferings) : ""));
        // Node-shape rules (issue 13's bad input): say which one leaves nothing, or less, to plan.
        var prefix = set.Sorted.Length == 0 ? "nothing to plan: " : "";
        if (set.OfferingsBelowMinUnit > 0)
            parts.Add(string.Format(c, "{0}{1} in-stock offering(s) are smaller than the minimum of {2} cores per unit (MinCoresPerUnit)",
                prefix, set.OfferingsBelowMinUnit, set.MinCoresPerUnit));
        if (set.OfferingsEatenByOverhead > 0)
            parts.Add(string.Format(c, "{0}{1} in-stock offering(s) have no usable core left after the per-node overhead (IdcNodeOverheadCores {2}, CloudNodeOverheadCores {3})",
                prefix, set.OfferingsEatenByOverhead, input.Options.IdcNodeOverheadCores, input.Options.CloudNodeOverheadCores));
        if (causes.HasFlag(ShortfallCause.ZonesDown))
            parts.Add("zones down: " + string.Join(", ", set.DownZones));
        if (causes.HasFlag(ShortfallCause.Constraints))
        {
            var usableZones = set.CapacityByZone.Count(cores => cores > 0);
            var largest = set.CapacityByZone.DefaultIfEmpty().Max();
            parts.Add(string.Format(c,
                "the cores cannot be spread so that losing any one of the {0} usable internal zones keeps {1:0.##}% of them ({2:N0} usable cores in all, {3:N0} in the largest zone)",
                usableZones, request.SurvivableShare * 100, set.UsableCores, largest));
            if (set.CoresForbiddenByTier > 0 && request.Tier == ServiceTier.HotCache)
                parts.Add(string.Format(c, "{0:N0} cloud cores are not used because the hot-cache service does not allow cloud", set.CoresForbiddenByTier));
        }
        return string.Join("; ", parts) + ".";
    }
}
