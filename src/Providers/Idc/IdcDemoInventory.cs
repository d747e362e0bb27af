using System.Data.Common;
using CapacityConsole.Scheduler.Seeding;
using Dapper;

namespace CapacityConsole.Providers.Idc;

/// <summary>The demo's IDC host classes and hosts: every hall gets the demo topology's count of each class.</summary>
public sealed class IdcDemoInventory : ISeedContributor
{
    public async Task SeedAsync(DbConnection c, DbTransaction tx, DateTimeOffset now)
    {
        await c.ExecuteAsync(
            """
            INSERT INTO idc_host_classes (instance_type, family, cores, price_per_hour)
            VALUES (@Type, @Family, @Cores, @Price) ON CONFLICT (instance_type) DO NOTHING
            """, DemoTopology.IdcHostClasses.Select(h => new { h.Type, h.Family, h.Cores, h.Price }), tx);

        var hosts =
            from hall in DemoTopology.IdcHalls
            from hostClass in DemoTopology.IdcHostClasses
            from n in Enumerable.Range(1, hostClass.Hosts)
            select new { Id = $"{hall}-{hostClass.Family.Replace("idc.", "")}-{n:D4}", Hall = hall, hostClass.Type };
        await c.ExecuteAsync(
            """
            INSERT INTO idc_hosts (id, member_zone_id, instance_type, state)
            VALUES (@Id, @Hall, @Type, 'Free') ON CONFLICT (id) DO NOTHING
            """, hosts, tx);
    }
}
