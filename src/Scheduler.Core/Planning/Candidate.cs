using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>An offering the planner may use, with the units it may take and its place in the preference order.</summary>
internal readonly record struct Candidate(
    Offering Offering,
    string InternalZoneId,
    int Zone,
    int Rank,
    int Units,
    int CoresPerUnit,
    double PricePerUnit,
    decimal PricePerCore)
{
    /// <summary>Preference rank first, then cost per core, then ordinal id so that ties never depend on input order.</summary>
    public static int Compare(Candidate a, Candidate b)
    {
        var c = a.Rank.CompareTo(b.Rank);
        if (c == 0) c = a.PricePerCore.CompareTo(b.PricePerCore);
        if (c == 0) c = string.CompareOrdinal(a.Offering.Id, b.Offering.Id);
        return c;
    }
}
