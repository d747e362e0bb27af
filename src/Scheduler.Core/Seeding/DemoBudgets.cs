using CapacityConsole.Scheduler.Budgets;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>Demo budgets with fixed ids, so a second start finds them and seeds nothing twice.</summary>
public static class DemoBudgets
{
    public static readonly Guid FlashSaleId = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");

    public static IEnumerable<Budget> Build(DateTimeOffset now)
    {
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);

        var flashSale = Budget.Create("Double 12 flash sale", "CC-TRADE", "Double 12", 2_000_000m,
            now.Date, now.Date.AddDays(14), "planner", now, FlashSaleId);
        flashSale.Submit("planner", now);
        flashSale.Approve("planner2", "Approved for the December promotion.", now);

        var quarter = Budget.Create("Live-room burst, this quarter", "CC-LIVE", null, 800_000m,
            month, month.AddMonths(3), "planner", now, Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000002"));
        quarter.Submit("planner", now);
        quarter.Approve("planner2", null, now);

        var gala = Budget.Create("New-year gala", "CC-LIVE", "New-year gala", 1_200_000m,
            month.AddMonths(1), month.AddMonths(2), "planner2", now, Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000003"));
        // Prepared by planner2, so the demo's "planner" can approve it (four-eyes).
        gala.Submit("planner2", now);

        var growth = Budget.Create("Recommendation experiments", "CC-GROWTH", null, 150_000m,
            month.AddMonths(1), month.AddMonths(4), "planner", now, Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000004"));

        return [flashSale, quarter, gala, growth];
    }
}
