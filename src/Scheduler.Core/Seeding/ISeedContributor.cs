using System.Data.Common;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>
/// Demo data owned by another project (the IDC provider's host inventory), written in the demo
/// seed's transaction. Like the seed itself, it must skip what exists already.
/// </summary>
public interface ISeedContributor
{
    Task SeedAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset now);
}
