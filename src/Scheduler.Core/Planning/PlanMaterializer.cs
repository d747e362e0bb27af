namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Turns units per candidate into a plan's allocations: the kept part first, then one allocation per
/// offering used, by internal zone, member zone and offering id (ordinal), the order plans are stored
/// and compared in. A 100k-core plan has some 340 allocations and is built several times per pass, so
/// the offerings used are bucketed on the internal zone's index (the set's zone ids are in ordinal
/// order) and only each zone's few are sorted on their ids: a comparison sort of all of them, through a
/// delegate, was a twentieth of that plan.
/// </summary>
internal static class PlanMaterializer
{
    /// <summary>Zones with more offerings used than this are sorted by <see cref="Array.Sort{T}(T[], Comparison{T})"/>; fewer by insertion.</summary>
    private const int InsertionSortMax = 32;

    public static List<Allocation> Build(CandidateSet set, Candidate[] order, int[] units)
    {
        var used = UsedByZone(set.ZoneIds.Length, order, units);
        var plan = new List<Allocation>(set.Fixed.Count + used.Length);
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

    /// <summary>The indices with units, by zone index (a counting sort), then member zone id and offering id.</summary>
    private static int[] UsedByZone(int zones, Candidate[] order, int[] units)
    {
        var start = new int[zones + 1];
        for (var i = 0; i < units.Length; i++) if (units[i] != 0) start[order[i].Zone + 1]++;
        for (var z = 0; z < zones; z++) start[z + 1] += start[z];
        var used = new int[start[zones]];
        var next = start[..zones];
        for (var i = 0; i < units.Length; i++) if (units[i] != 0) used[next[order[i].Zone]++] = i;
        for (var z = 0; z < zones; z++) SortWithinZone(used.AsSpan(start[z], start[z + 1] - start[z]), order);
        return used;
    }

    private static void SortWithinZone(Span<int> zone, Candidate[] order)
    {
        if (zone.Length > InsertionSortMax)
        {
            zone.Sort((a, b) => Compare(order[a], order[b]));
            return;
        }
        for (var k = 1; k < zone.Length; k++)
        {
            var item = zone[k];
            var j = k - 1;
            for (; j >= 0 && Compare(order[zone[j]], order[item]) > 0; j--) zone[j + 1] = zone[j];
            zone[j + 1] = item;
        }
    }

    // Offering ids are unique, so this is a total order and the result does not depend on the sort.
    private static int Compare(in Candidate a, in Candidate b)
    {
        var c = string.CompareOrdinal(a.Offering.MemberZoneId, b.Offering.MemberZoneId);
        return c != 0 ? c : string.CompareOrdinal(a.Offering.Id, b.Offering.Id);
    }
}
