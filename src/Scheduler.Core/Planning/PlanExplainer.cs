using System.Globalization;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Every choice of a plan in words (issue 13): why this provider, why more cores than asked, which
/// zones were avoided and why, what the budget changed. Reads only the planning input and the plan.
/// </summary>
internal static class PlanExplainer
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static IReadOnlyList<PlanReason> Reasons(PlanningInput input, CandidateSet set, IReadOnlyList<Allocation> plan,
        int shortfall, string? shortfallReason, bool budgetTraded)
    {
        var request = input.Request;
        var topology = input.Topology;
        var reasons = new List<PlanReason>();
        var planned = plan.Sum(a => a.Cores);
        var cloud = plan.Where(a => a.Provider != ProviderKind.Idc).Sum(a => a.Cores);
        var idc = planned - cloud;

        if (request.Tier == ServiceTier.Stateless)
        {
            reasons.Add(new(PlanReasonKind.CloudFirst, idc == 0
                ? F("Stateless service: cloud first — all {0:N0} planned cores on cloud.", planned)
                : F("Stateless service: cloud first — {0:N0} cores on cloud, {1:N0} on IDC {2}.", cloud, idc,
                    budgetTraded ? "because the budget does not cover cloud alone" : "because cloud could not serve them (stock, spread or zone health)")));
            var headroom = IdcHeadroomCores(input);
            if (headroom > 0)
                reasons.Add(new(PlanReasonKind.IdcHeadroomKept, F(
                    "IDC headroom kept for hot-cache services: {0:P0} of every IDC host class ({1:N0} cores) is left alone.",
                    input.Options.IdcHeadroomForHotCache, headroom)));
        }
        else
        {
            reasons.Add(new(PlanReasonKind.HotCacheOnIdc, cloud == 0
                ? F("Hot-cache service: stays on IDC — all {0:N0} planned cores on IDC.", planned)
                : F("Hot-cache service: {0:N0} cores on IDC, {1:N0} on cloud {2}.", idc, cloud,
                    budgetTraded ? "because IDC alone cannot serve them within the budget" : "because IDC could not serve them (stock or spread)")));
            if (!request.CloudAllowed && set.CoresForbiddenByTier > 0)
                reasons.Add(new(PlanReasonKind.HotCacheOnIdc, F(
                    "The service does not allow cloud: {0:N0} cloud cores in stock are not used.", set.CoresForbiddenByTier)));
        }

        var served = Planner.ServedCores(plan, request.Cores, request.SurvivableShare);
        var zones = plan.Select(a => a.InternalZoneId).Distinct().Count();
        var extra = planned - served;
        if (planned > 0)
            reasons.Add(new(PlanReasonKind.Spread, request.SurvivableShare == 1m
                ? F("N+1: losing any one of the {0} internal zones used still leaves {1:N0} cores; that adds {2:N0} cores ({3:N0} planned for {1:N0} served, +{4:0}%).",
                    zones, served, extra, planned, served == 0 ? 0 : 100.0 * extra / served)
                : F("Spread: losing any one of the {0} internal zones used still leaves {1:0.##}% of {2:N0} cores; that adds {3:N0} cores ({4:N0} planned, +{5:0}%).",
                    zones, request.SurvivableShare * 100, served, extra, planned, served == 0 ? 0 : 100.0 * extra / served)));

        var (degradedUsed, degradedAvoided) = DegradedZones(input, set, plan);
        if (degradedUsed.Count > 0)
            reasons.Add(new(PlanReasonKind.DegradedZones, F("Degraded zone used: {0} ({1:N0} cores), because healthier zones could not serve{2}.",
                string.Join(", ", degradedUsed.Keys), degradedUsed.Values.Sum(), budgetTraded ? " within the budget" : "")));
        if (degradedAvoided.Count > 0)
            reasons.Add(new(PlanReasonKind.DegradedZones, F("Degraded zone avoided: {0}.", string.Join(", ", degradedAvoided))));
        if (set.DownZones.Count > 0)
            reasons.Add(new(PlanReasonKind.ZonesDown, F("Down, not used: {0}.", string.Join(", ", set.DownZones))));
        if (set.StockedOutOfferings > 0)
            reasons.Add(new(PlanReasonKind.StockoutFallback, F(
                "Stock-out fallback: {0} offering(s) skipped because their family recently ran out of stock there ({1}); the plan uses the next offering or zone.",
                set.StockedOutOfferings, string.Join(", ", input.StockedOut.Select(k => $"{k.Family} in {k.MemberZoneId}").Order(StringComparer.Ordinal)))));

        if (plan.Any(a => a.StockBasis != StockBasis.Counted))
            reasons.Add(new(PlanReasonKind.StockConfidence, StockWords.Reason(plan)));
        if (budgetTraded && shortfall == 0)
            reasons.Add(new(PlanReasonKind.BudgetCut, F(
                "Budget: the most preferred plan costs more than the {0:N2} CNY left, so cheaper, less preferred capacity serves all {1:N0} cores.",
                input.BudgetLeft, request.Cores)));
        if (shortfall > 0)
        {
            if (shortfallReason?.Contains("budget", StringComparison.Ordinal) == true)
                reasons.Add(new(PlanReasonKind.BudgetCut, F("Budget cut: {0:N0} of {1:N0} cores served within the {2:N2} CNY left.", served, request.Cores, input.BudgetLeft)));
            reasons.Add(new(PlanReasonKind.Shortfall, shortfallReason ?? F("{0:N0} cores cannot be planned.", shortfall)));
        }
        return reasons;
    }

    private static string F(string format, params object[] args) => string.Format(C, format, args);

    /// <summary>Cores of the allowed, usable IDC host classes the Stateless rule leaves for hot-cache services.</summary>
    private static long IdcHeadroomCores(PlanningInput input)
    {
        var share = input.Options.IdcHeadroomForHotCache;
        if (share <= 0) return 0;
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id, StringComparer.Ordinal);
        return input.Topology.Offerings
            .Where(o => o.Provider == ProviderKind.Idc && o.IsUsable && members.TryGetValue(o.MemberZoneId, out var m) && IsAllowed(input, m.InternalZoneId))
            .Sum(o => (long)Math.Ceiling(o.Stock * share) * o.CoresPerUnit);
    }

    private static bool IsAllowed(PlanningInput input, string internalZoneId) =>
        input.Topology.InternalZones.Any(z => z.Id == internalZoneId && z.RegionId == input.Request.RegionId)
        && (input.Request.AllowedInternalZoneIds.Count == 0 || input.Request.AllowedInternalZoneIds.Contains(internalZoneId));

    /// <summary>Degraded member zones the plan uses (with cores), and degraded ones with usable stock it leaves alone.</summary>
    private static (SortedDictionary<string, int> Used, IReadOnlyList<string> Avoided) DegradedZones(PlanningInput input, CandidateSet set, IReadOnlyList<Allocation> plan)
    {
        var zones = input.Topology.InternalZones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var members = input.Topology.MemberZones.ToDictionary(m => m.Id, StringComparer.Ordinal);
        bool Degraded(string memberId) => members.TryGetValue(memberId, out var m)
            && PreferenceRank.Worst(m.Health, zones.TryGetValue(m.InternalZoneId, out var z) ? z.Health : ZoneHealth.Healthy) == ZoneHealth.Degraded;
        var used = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in plan.Where(a => Degraded(a.MemberZoneId)))
            used[a.MemberZoneId] = used.GetValueOrDefault(a.MemberZoneId) + a.Cores;
        var avoided = set.Sorted.Select(c => c.Offering.MemberZoneId).Where(Degraded).Distinct()
            .Where(m => !used.ContainsKey(m)).Order(StringComparer.Ordinal).ToArray();
        return (used, avoided);
    }
}
