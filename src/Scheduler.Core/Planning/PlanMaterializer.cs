namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Turns units per candidate into a plan's allocations: the kept part first, then one allocation per
/// offering used, by internal zone, member zone and offering id (ordinal), the order plans are stored
/// and compared in. Sorted on the internal zone's index (the set's zone ids are in ordinal order) and
/// the ids only within a zone: a 100k-core plan has some 340 allocations and is built several times per
/// pass, and three string comparisons per step of that sort were most of building it.
/// </summary>
internal static class PlanMaterializer
{
    public static List<Allocation> Build(CandidateSet set, Candidate[] order, int[] units)
    {
        var used = new List<int>();
        for (var i = 0; i < units.Length; i++) if (units[i] != 0) used.Add(i);
        used.Sort((a, b) =>
        {
            var c = order[a].Zone.CompareTo(order[b].Zone);
            if (c == 0) c = string.CompareOrdinal(order[a].Offering.MemberZoneId, order[b].Offering.MemberZoneId);
            return c != 0 ? c : string.CompareOrdinal(order[a].Offering.Id, order[b].Offering.Id);
        });
        var plan = new List<Allocation>(set.Fixed.Count + used.Count);
        plan.AddRange(set.Fixed);
        foreach (var i in used)
        {
            var c = order[i];
            var o = c.Offering;
            // Allocation.Cores are usable cores (CoresPerUnit is net of the node overhead).
            plan.Add(new Allocation(c.InternalZoneId, o.MemberZoneId, o.Provider, o.Id, o.InstanceType,
                units[i], units[i] * c.CoresPerUnit, units[i] * o.PricePerHour!.Value));
        }
        return plan;
    }
}
