using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// Re-plans only the remainder after <see cref="ReplanInput.Change"/>: what runs outside a Down zone is
    /// kept, planned work that is still deliverable is kept too (its units stay reserved from stock), and
    /// only the lost or undeliverable cores are planned again, in the same pass falling through to the
    /// next offering or zone. The kept part counts toward the spread and the budget of the new plan.
    /// </summary>
    public Replan Replan(ReplanInput input)
    {
        PlanningValidator.Validate(input.Planning);
        var planning = Apply(input.Planning, input.Change, out var delivered);
        var topology = planning.Topology;
        var downMembers = topology.MemberZones.Where(m => m.Health == ZoneHealth.Down).Select(m => m.Id)
            .Concat(topology.InternalZones.Where(z => z.Health == ZoneHealth.Down)
                .SelectMany(z => topology.MemberZones.Where(m => m.InternalZoneId == z.Id).Select(m => m.Id)))
            .ToHashSet(StringComparer.Ordinal);
        var offerings = topology.Offerings.ToDictionary(o => o.Id, StringComparer.Ordinal);

        var running = input.Running.GroupBy(a => a.OfferingId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(a => a.Units), StringComparer.Ordinal);
        if (delivered is { } d) running[d.OfferingId] = running.GetValueOrDefault(d.OfferingId) + d.Units;

        List<Allocation> kept = [], cancelled = [], lost = [];
        var reserved = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in input.Current.Allocations)
        {
            var run = Math.Min(a.Units, running.GetValueOrDefault(a.OfferingId));
            running[a.OfferingId] = running.GetValueOrDefault(a.OfferingId) - run;
            var pending = a.Units - run;
            var stockedOut = offerings.TryGetValue(a.OfferingId, out var o) && planning.StockedOut.Contains(StockoutKey.Of(o));
            if (downMembers.Contains(a.MemberZoneId))
            {
                Add(lost, a, run);
                Add(cancelled, a, pending);
            }
            else if (stockedOut)
            {
                Add(kept, a, run);
                Add(cancelled, a, pending);
            }
            else
            {
                Add(kept, a, a.Units);
                reserved[a.OfferingId] = reserved.GetValueOrDefault(a.OfferingId) + pending;
            }
        }

        var plan = PlanAround(planning, CandidateSet.Build(planning, kept, reserved));
        return new Replan(plan, plan.Allocations.Skip(kept.Count).ToArray(), cancelled, lost);
    }

    private static void Add(List<Allocation> to, Allocation a, int units)
    {
        if (units <= 0) return;
        to.Add(units == a.Units ? a : a with
        {
            Units = units,
            Cores = a.Cores / a.Units * units,
            CostPerHour = a.CostPerHour / a.Units * units,
        });
    }

    /// <summary>The planning input as the change leaves it: zones marked Down, stock-outs remembered for this pass.</summary>
    private static PlanningInput Apply(PlanningInput input, PlanChange change, out (string OfferingId, int Units)? delivered)
    {
        delivered = null;
        var topology = input.Topology;
        Offering FindOffering(string id) => topology.Offerings.FirstOrDefault(o => o.Id == id)
            ?? throw new DomainValidationException("OfferingId", $"Offering '{id}' is unknown.");
        PlanningInput StockOut(Offering o) => input with { StockedOut = new HashSet<StockoutKey>(input.StockedOut) { StockoutKey.Of(o) } };

        switch (change)
        {
            case OfferingStockedOut s:
                return StockOut(FindOffering(s.OfferingId));
            case BatchPartiallyFulfilled b:
                if (b.UnitsDelivered < 0)
                    throw new DomainValidationException(nameof(b.UnitsDelivered), "Delivered units cannot be negative.");
                delivered = (b.OfferingId, b.UnitsDelivered);
                return StockOut(FindOffering(b.OfferingId));
            case MemberZoneWentDown m:
                if (!topology.MemberZones.Any(z => z.Id == m.MemberZoneId))
                    throw new DomainValidationException(nameof(m.MemberZoneId), $"Member zone '{m.MemberZoneId}' is unknown.");
                return input with { Topology = topology with
                {
                    MemberZones = topology.MemberZones.Select(z => z.Id == m.MemberZoneId ? z with { Health = ZoneHealth.Down } : z).ToArray(),
                } };
            case InternalZoneWentDown z:
                if (!topology.InternalZones.Any(iz => iz.Id == z.InternalZoneId))
                    throw new DomainValidationException(nameof(z.InternalZoneId), $"Internal zone '{z.InternalZoneId}' is unknown.");
                return input with { Topology = topology with
                {
                    InternalZones = topology.InternalZones.Select(iz => iz.Id == z.InternalZoneId ? iz with { Health = ZoneHealth.Down } : iz).ToArray(),
                } };
            default:
                throw new DomainValidationException(nameof(ReplanInput.Change), $"Unknown change '{change.GetType().Name}'.");
        }
    }
}
