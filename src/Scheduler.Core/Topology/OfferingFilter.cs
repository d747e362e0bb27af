namespace CapacityConsole.Scheduler.Topology;

/// <summary>
/// Which offerings a list shows (the admin page and the API): of one member zone and/or provider,
/// only the usable ones (priced and in stock), and those whose member zone or instance type contain
/// <see cref="Search"/>, ignoring case. Offerings are read from the topology snapshot in memory.
/// </summary>
public sealed record OfferingFilter(string? MemberZone = null, ProviderKind? Provider = null, string? Search = null, bool OnlyUsable = false)
{
    public IReadOnlyList<Offering> Apply(IEnumerable<Offering> offerings)
    {
        var search = Search?.Trim();
        return offerings.Where(o =>
            (MemberZone is null || o.MemberZoneId == MemberZone) &&
            (Provider is null || o.Provider == Provider) &&
            (!OnlyUsable || o.IsUsable) &&
            (string.IsNullOrEmpty(search) ||
             o.MemberZoneId.Contains(search, StringComparison.OrdinalIgnoreCase) ||
             o.InstanceType.Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
