using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>DescribeInstanceStatus (spec §3.8): the cheap way to poll boot progress; PageSize at most 50.</summary>
internal sealed class DescribeInstanceStatusAction(EmulatorCatalog catalog, EmulatorStore store, IOptions<EcsEmulatorOptions> options) : IEcsAction
{
    public string Name => "DescribeInstanceStatus";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var zone = region.OptionalZone(r);
        var ids = r.List("InstanceId", 100);
        var pageNumber = r.Int("PageNumber", 1, 1, int.MaxValue);
        var pageSize = r.Int("PageSize", 10, 1, 50);

        return store.Use((state, now) =>
        {
            var matching = state.OrderedIds.Select(id => state.Instances[id])
                .Where(i => i.RegionId == region.RegionId && (zone is null || i.ZoneId == zone.ZoneId))
                .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId))
                .ToList();
            var page = matching.Skip((int)Math.Min((long)(pageNumber - 1) * pageSize, int.MaxValue)).Take(pageSize);
            return EcsJson.From(new
            {
                TotalCount = matching.Count,
                PageNumber = pageNumber,
                PageSize = pageSize,
                InstanceStatuses = new
                {
                    InstanceStatus = page.Select(i => new { i.InstanceId, Status = i.StatusAt(now, options.Value.BootDelay) }).ToList(),
                },
            });
        });
    }
}
