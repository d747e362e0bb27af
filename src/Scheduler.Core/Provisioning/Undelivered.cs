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
        return plan.Allocations.GroupBy(a => a.OfferingId, StringComparer.Ordinal)
            .Select(g =>
            {
                var sample = g.First(); // a group is never empty
                var missing = g.Sum(a => a.Units) - runningUnits.GetValueOrDefault(g.Key);
                return new UndeliveredOffering(sample, missing, missing * (sample.Units == 0 ? 0 : sample.Cores / sample.Units));
            })
            .Where(u => u.MissingUnits > 0)
            .OrderByDescending(u => u.MissingCores).ThenBy(u => u.Sample.OfferingId, StringComparer.Ordinal)
            .ToList();
    }
}
