using CapacityConsole.EcsEmulator.Options;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>The configured, read-only side of the world: regions, zones, offerings and prices.</summary>
internal sealed class EmulatorCatalog(IOptions<EcsEmulatorOptions> options)
{
    public IReadOnlyList<EmulatorRegion> Regions => options.Value.Regions;

    public EmulatorRegion? Region(string? regionId) => Regions.FirstOrDefault(r => r.RegionId == regionId);

    public EmulatorZone? Zone(string zoneId) => Regions.SelectMany(r => r.Zones).FirstOrDefault(z => z.ZoneId == zoneId);

    public EmulatorOffering? Offering(string zoneId, string instanceType) =>
        Zone(zoneId)?.Offerings.FirstOrDefault(o => o.InstanceType == instanceType);

    /// <summary>Every distinct instance type sold anywhere, first definition wins.</summary>
    public IEnumerable<EmulatorOffering> InstanceTypes() =>
        Regions.SelectMany(r => r.Zones).SelectMany(z => z.Offerings).DistinctBy(o => o.InstanceType);
}
