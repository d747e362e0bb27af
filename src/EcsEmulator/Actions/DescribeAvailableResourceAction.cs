using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>
/// DescribeAvailableResource (spec §3.3): stock as ECS shows it — a category, never a count.
/// Only DestinationResource InstanceType and Zone are emulated; the others need disk models.
/// </summary>
internal sealed class DescribeAvailableResourceAction(EmulatorCatalog catalog, EmulatorStore store, EmulatorFaults faults,
    IOptions<EcsEmulatorOptions> options) : IEcsAction
{
    public string Name => "DescribeAvailableResource";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var onlyZone = region.OptionalZone(r);
        var destination = r.Require("DestinationResource");
        if (destination is not ("InstanceType" or "Zone"))
            throw EcsError.Invalid("DestinationResource", "the emulator serves InstanceType and Zone.");
        var onlyType = r.Get("InstanceType");
        var chargeType = r.Get("InstanceChargeType") ?? "PostPaid";
        if (chargeType is not ("PostPaid" or "PrePaid")) throw EcsError.Invalid("InstanceChargeType", "PostPaid or PrePaid.");

        return store.Use((state, _) => EcsJson.From(new
        {
            AvailableZones = new
            {
                AvailableZone = region.Zones.Where(z => onlyZone is null || z == onlyZone).Select(zone =>
                {
                    var types = zone.Offerings.Where(o => onlyType is null || o.InstanceType == onlyType)
                        .Select(o => (o.InstanceType, Category: Category(zone.ZoneId, o.InstanceType, state))).ToList();
                    var zoneCategory = faults.IsZoneDown(zone.ZoneId) ? "ClosedWithoutStock"
                        : types.Any(t => t.Category is "WithStock" or "ClosedWithStock") ? "WithStock" : "WithoutStock";
                    var supported = destination == "Zone"
                        ? [Supported(zone.ZoneId, zoneCategory)]
                        : types.Select(t => Supported(t.InstanceType, t.Category)).ToList();
                    return new
                    {
                        region.RegionId,
                        zone.ZoneId,
                        Status = StatusOf(zoneCategory),
                        StatusCategory = zoneCategory,
                        AvailableResources = new
                        {
                            AvailableResource = new[] { new { Type = destination, SupportedResources = new { SupportedResource = supported } } },
                        },
                    };
                }).ToList(),
            },
        }));
    }

    private string Category(string zoneId, string type, EmulatorState state)
    {
        if (faults.IsZoneDown(zoneId)) return "ClosedWithoutStock";
        var stock = faults.IsStockedOut(zoneId, type) ? 0 : state.Stock.GetValueOrDefault(EmulatorState.StockKey(zoneId, type));
        return stock >= options.Value.LowStockThreshold ? "WithStock" : stock > 0 ? "ClosedWithStock" : "WithoutStock";
    }

    private static string StatusOf(string category) => category is "WithStock" or "ClosedWithStock" ? "Available" : "SoldOut";

    private static object Supported(string value, string category) =>
        new { Value = value, Status = StatusOf(category), StatusCategory = category };
}
