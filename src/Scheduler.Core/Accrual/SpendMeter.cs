using CapacityConsole.Scheduler.Provisioning;

namespace CapacityConsole.Scheduler.Accrual;

/// <summary>
/// Actual spend: unit-hours × price (cloud list price; IDC at the chargeback rate), exact to the fen.
/// Hours count from creation, not from Running: pay-as-you-go ECS bills an instance from the moment
/// RunInstances creates it, boot included, and an IDC host is taken from the pool when allocated.
/// </summary>
public static class SpendMeter
{
    /// <summary>Summed unrounded and rounded once, so many small resources do not drift by a fen each.</summary>
    public static decimal Spend(IEnumerable<Resource> resources, DateTimeOffset now) => Math.Round(
        resources.Sum(r => Hours(r.CreatedAt, r.ReleasedAt ?? now) * r.PricePerHour),
        2, MidpointRounding.AwayFromZero);

    private static decimal Hours(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0m : (decimal)(to - from).Ticks / TimeSpan.TicksPerHour;
}
