using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>DescribeZones (spec §3.2). A zone that is down lists no resource it can create.</summary>
internal sealed class DescribeZonesAction(EmulatorCatalog catalog, EmulatorFaults faults) : IEcsAction
{
    public string Name => "DescribeZones";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        return EcsJson.From(new
        {
            Zones = new
            {
                Zone = region.Zones.Select(z => new
                {
                    z.ZoneId,
                    LocalName = z.ZoneId,
                    ZoneType = "AvailabilityZone",
                    AvailableInstanceTypes = new { InstanceTypes = z.Offerings.Select(o => o.InstanceType).ToList() },
                    AvailableResourceCreation = new { ResourceTypes = faults.IsZoneDown(z.ZoneId) ? [] : new[] { "Instance", "Disk", "VSwitch" } },
                    AvailableDiskCategories = new { DiskCategories = new[] { "cloud_essd" } },
                }).ToList(),
            },
        });
    }
}
