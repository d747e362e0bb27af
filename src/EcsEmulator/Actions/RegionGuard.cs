using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

internal static class RegionGuard
{
    public static EmulatorRegion RequireRegion(this EmulatorCatalog catalog, EcsRequest r) =>
        catalog.Region(r.Require("RegionId"))
        ?? throw new EcsError(400, "InvalidRegionId.NotFound", $"The specified RegionId '{r.Get("RegionId")}' does not exist.");

    public static EmulatorZone? OptionalZone(this EmulatorRegion region, EcsRequest r) => r.Get("ZoneId") is not { } zoneId ? null
        : region.Zones.FirstOrDefault(z => z.ZoneId == zoneId)
          ?? throw new EcsError(400, "InvalidZoneId.NotFound", $"The specified ZoneId '{zoneId}' does not exist in {region.RegionId}.");
}
