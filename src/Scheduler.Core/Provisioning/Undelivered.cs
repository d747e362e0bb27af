using CapacityConsole.Scheduler.Planning;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>One offering of a plan that runs fewer units than the plan holds of it.</summary>
public sealed record UndeliveredOffering(Allocation Sample, int MissingUnits, int MissingCores);

/// <summary>
/// What of a plan is not running, per offering. A re-planned plan may hold one offering twice (the
/// kept part and an added part), so planned units are summed per offering before they are compared
/// with what runs; comparing line by line finds nothing short when the second line is the one that
/// failed (issue 16: "Sequence contains no matching element" with several requests and stock running out).
/// </summary>
public static class Undelivered
{
    /// <summary>Short offerings, the most cores missing first (ties by offering id), so a re-plan starts with the worst.</summary>
    public static IReadOnlyList<UndeliveredOffering> Of(Plan plan, IReadOnlyList<Allocation> running)
    {
        var runningUnits = running.GroupBy(r => r.OfferingId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Units), StringComparer.Ordinal);
        // The offering's first plan line stands for it (same zone, type and unit size on every line).
        var planned = new Dictionary<string, (Allocation Sample, int Units)>(StringComparer.Ordinal);
        foreach (var a in plan.Allocations)
            planned[a.OfferingId] = planned.TryGetValue(a.OfferingId, out var p) ? (p.Sample, p.Units + a.Units) : (a, a.Units);
        return planned.Values
            .Select(p =>
            {
                var missing = p.Units - runningUnits.GetValueOrDefault(p.Sample.OfferingId);
                return new UndeliveredOffering(p.Sample, missing, missing * (p.Sample.Units == 0 ? 0 : p.Sample.Cores / p.Sample.Units));
            })
            .Where(u => u.MissingUnits > 0)
            .OrderByDescending(u => u.MissingCores).ThenBy(u => u.Sample.OfferingId, StringComparer.Ordinal)
            .ToList();
    }
}
