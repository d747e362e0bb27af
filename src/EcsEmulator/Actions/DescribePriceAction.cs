using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>
/// DescribePrice (spec §3.5), hourly pay-as-you-go only. The price of the zone's offering (or the
/// region's first) is the bare instance price; a type without a configured price answers an error
/// so the caller learns the price is unknown rather than reading a made-up number.
/// </summary>
internal sealed class DescribePriceAction(EmulatorCatalog catalog) : IEcsAction
{
    public string Name => "DescribePrice";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var zone = region.OptionalZone(r);
        var resourceType = r.Get("ResourceType") ?? "instance";
        if (resourceType != "instance") throw EcsError.Invalid("ResourceType", "the emulator prices instances only.");
        var type = r.Require("InstanceType");
        var unit = r.Get("PriceUnit") ?? "Hour";
        if (unit != "Hour") throw EcsError.Invalid("PriceUnit", "the emulator serves Hour only.");
        var amount = r.Int("Amount", 1, 1, 1000);
        r.Int("Period", 1, 1, 1);
        var offering = (zone is null ? region.Zones : [zone]).SelectMany(z => z.Offerings).FirstOrDefault(o => o.InstanceType == type)
            ?? throw new EcsError(400, "InvalidInstanceType.ValueNotSupported", $"The specified InstanceType '{type}' is not sold here.");
        var price = offering.PricePerHour
            ?? throw new EcsError(400, "PriceNotFound", $"No price is configured for {type}.");
        var total = price * amount;
        return EcsJson.From(new
        {
            PriceInfo = new
            {
                Price = new
                {
                    OriginalPrice = total,
                    DiscountPrice = 0m,
                    TradePrice = total,
                    Currency = "CNY",
                    DetailInfos = new { DetailInfo = new[] { new { Resource = "instanceType", OriginalPrice = total, DiscountPrice = 0m, TradePrice = total } } },
                },
                Rules = new { Rule = Array.Empty<object>() },
            },
        });
    }
}
