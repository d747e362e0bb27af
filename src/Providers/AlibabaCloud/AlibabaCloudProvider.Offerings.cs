using System.Collections.Concurrent;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.AlibabaCloud;

public sealed partial class AlibabaCloudProvider
{
    /// <summary>Instance type specs never change, so one lookup per process is enough.</summary>
    private readonly ConcurrentDictionary<string, (string Family, int Cores)> _specs = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) => Guard(async () =>
    {
        var region = RegionOf(memberZoneId);
        var stock = await ecs.DescribeAvailableResourceAsync(new DescribeAvailableResourceRequest
        {
            RegionId = region, ZoneId = memberZoneId, DestinationResource = "InstanceType", InstanceChargeType = "PostPaid",
        }, ct);
        var zone = stock.Body?.AvailableZones?.AvailableZone?.FirstOrDefault(z => z.ZoneId == memberZoneId);
        var supported = (zone?.AvailableResources?.AvailableResource ?? [])
            .Where(r => r.Type == "InstanceType")
            .SelectMany(r => r.SupportedResources?.SupportedResource ?? [])
            .Where(s => s.Value is not null)
            .ToList();
        await LoadSpecsAsync(supported.Select(s => s.Value!), ct);

        var offerings = new List<ProviderOffering>();
        foreach (var s in supported)
        {
            if (!_specs.TryGetValue(s.Value!, out var spec)) continue; // no core count: cannot be planned
            var price = await PriceAsync(region, memberZoneId, s.Value!, ct);
            var category = zone!.Status == "SoldOut" || s.Status == "SoldOut" ? ReportedStockCategory.SoldOut : Category(s.StatusCategory);
            offerings.Add(new ProviderOffering(memberZoneId, s.Value!, spec.Family, spec.Cores, price, OfferingStock.Reported(category)));
        }
        return (IReadOnlyList<ProviderOffering>)offerings;
    }, ct);

    /// <summary>
    /// ECS answers a category, never a count (spec: DescribeAvailableResource StatusCategory), and the
    /// port passes it on as such (issue 13): how many units a category is worth is the scheduler's
    /// assumption or lesson, not the adapter's. An unknown category is read as none, never as stock.
    /// </summary>
    private static ReportedStockCategory Category(string? category) => category switch
    {
        "WithStock" => ReportedStockCategory.WithStock,
        "ClosedWithStock" => ReportedStockCategory.ClosedWithStock,
        "ClosedWithoutStock" => ReportedStockCategory.ClosedWithoutStock,
        _ => ReportedStockCategory.WithoutStock,
    };

    private async Task LoadSpecsAsync(IEnumerable<string> types, CancellationToken ct)
    {
        foreach (var chunk in types.Where(t => !_specs.ContainsKey(t)).Distinct().Chunk(10))
        {
            var answer = await ecs.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [.. chunk] }, ct);
            foreach (var t in answer.Body?.InstanceTypes?.InstanceType ?? [])
                if (t.InstanceTypeId is not null && t.CpuCoreCount is > 0)
                    _specs[t.InstanceTypeId] = (t.InstanceTypeFamily ?? "", t.CpuCoreCount.Value);
        }
    }

    /// <summary>Unknown price is null, never a placeholder; throttling and 5xx still surface.</summary>
    private async Task<decimal?> PriceAsync(string region, string zone, string type, CancellationToken ct)
    {
        try
        {
            var answer = await ecs.DescribePriceAsync(new DescribePriceRequest
            {
                RegionId = region, ZoneId = zone, InstanceType = type, ResourceType = "instance", PriceUnit = "Hour", Period = 1,
            }, ct);
            var price = answer.Body?.PriceInfo?.Price;
            var detail = price?.DetailInfos?.DetailInfo?.FirstOrDefault(d => d.Resource == "instanceType")?.TradePrice;
            return (detail ?? price?.TradePrice) is { } p ? Math.Round((decimal)p, 4) : null;
        }
        catch (EcsException e) when (EcsErrorMapper.Classify(e) is ProviderFailure.Permanent or ProviderFailure.InsufficientCapacity)
        {
            return null;
        }
    }
}
