using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>
/// DescribeInstances (spec §3.7, §8.9): AND filters including every Tag.N, InstanceIds as a JSON
/// array, and both paging modes. NextToken is the last id returned, so a page never shifts when
/// instances are released between calls.
/// </summary>
internal sealed class DescribeInstancesAction(EmulatorCatalog catalog, EmulatorStore store, IOptions<EcsEmulatorOptions> options) : IEcsAction
{
    private const string MinuteFormat = "yyyy-MM-ddTHH:mmZ";

    public string Name => "DescribeInstances";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var zone = region.OptionalZone(r);
        var ids = ParseIds(r.Get("InstanceIds"));
        var tags = r.Tags();
        var status = r.Get("Status");
        var type = r.Get("InstanceType");
        var tokenMode = r.Get("NextToken") is not null || r.Get("MaxResults") is not null;
        var pageSize = tokenMode ? r.Int("MaxResults", 10, 1, 100) : r.Int("PageSize", 10, 1, 100);
        var pageNumber = r.Int("PageNumber", 1, 1, int.MaxValue);
        var after = r.Get("NextToken");

        return store.Use((state, now) =>
        {
            var bootDelay = options.Value.BootDelay;
            var matching = state.Instances.Values
                .Where(i => i.RegionId == region.RegionId && (zone is null || i.ZoneId == zone.ZoneId))
                .Where(i => ids is null || ids.Contains(i.InstanceId))
                .Where(i => type is null || i.InstanceType == type)
                .Where(i => status is null || i.StatusAt(now, bootDelay) == status)
                .Where(i => tags.All(t => i.Tags.Any(it => it.Key == t.Key && (t.Value.Length == 0 || it.Value == t.Value))))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                .ToList();
            List<EmulatorInstance> page;
            string nextToken = "";
            if (tokenMode)
            {
                page = matching.Where(i => after is null || string.CompareOrdinal(i.InstanceId, after) > 0).Take(pageSize + 1).ToList();
                if (page.Count > pageSize) { page.RemoveAt(pageSize); nextToken = page[^1].InstanceId; }
            }
            else
            {
                page = matching.Skip((int)Math.Min((long)(pageNumber - 1) * pageSize, int.MaxValue)).Take(pageSize).ToList();
            }
            return EcsJson.From(new
            {
                TotalCount = matching.Count,
                PageNumber = tokenMode ? 1 : pageNumber,
                PageSize = pageSize,
                NextToken = nextToken,
                Instances = new { Instance = page.Select(i => View(i, now, bootDelay)).ToList() },
            });
        });
    }

    private static HashSet<string>? ParseIds(string? json)
    {
        if (json is null) return null;
        try
        {
            var ids = JsonSerializer.Deserialize<List<string>>(json) ?? [];
            if (ids.Count > 100) throw EcsError.Invalid("InstanceIds", "at most 100 ids.");
            return ids.ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw EcsError.Invalid("InstanceIds", "must be a JSON array of strings, e.g. [\"i-a\",\"i-b\"].");
        }
    }

    private static object View(EmulatorInstance i, DateTimeOffset now, TimeSpan bootDelay) => new
    {
        i.InstanceId,
        i.InstanceName,
        HostName = i.InstanceName,
        i.RegionId,
        i.ZoneId,
        i.InstanceType,
        InstanceTypeFamily = i.Family,
        i.Cpu,
        Memory = i.MemoryMiB,
        Status = i.StatusAt(now, bootDelay),
        CreationTime = i.CreatedAt.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture),
        StartTime = (i.CreatedAt + bootDelay).UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture),
        AutoReleaseTime = i.AutoReleaseAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
        i.InstanceChargeType,
        i.ImageId,
        OSType = "linux",
        SpotStrategy = "NoSpot",
        DeletionProtection = false,
        Tags = new { Tag = i.Tags.Select(t => new { TagKey = t.Key, TagValue = t.Value }).ToList() },
    };
}
