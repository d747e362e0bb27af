using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>DescribeRegions (spec §3.1); RegionEndpoint is the emulator itself, whatever region.</summary>
internal sealed class DescribeRegionsAction(EmulatorCatalog catalog) : IEcsAction
{
    public string Name => "DescribeRegions";

    public JsonObject Execute(EcsRequest r) => EcsJson.From(new
    {
        Regions = new
        {
            Region = catalog.Regions.Select(region => new
            {
                region.RegionId,
                LocalName = region.LocalName ?? region.RegionId,
                RegionEndpoint = r.Host,
                Status = "available",
            }).ToList(),
        },
    });
}
