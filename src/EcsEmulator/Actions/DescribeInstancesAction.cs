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
            bool Matches(EmulatorInstance i) =>
                i.RegionId == region.RegionId && (zone is null || i.ZoneId == zone.ZoneId)
                && (ids is null || ids.Contains(i.InstanceId))
                && (type is null || i.InstanceType == type)
                && (status is null || i.StatusAt(now, bootDelay) == status)
                && tags.All(t => i.Tags.Any(it => it.Key == t.Key && (t.Value.Length == 0 || it.Value == t.Value)));
            List<EmulatorInstance> page;
            int total;
            string nextToken = "";
            if (tokenMode)
            {
                page = IdsAfter(state, after).Select(id => state.Instances[id]).Where(Matches).Take(pageSize + 1).ToList();
                if (page.Count > pageSize) { page.RemoveAt(pageSize); nextToken = page[^1].InstanceId; }
                total = page.Count; // with NextToken, TotalCount is documented as not meaningful; counting would cost a full scan
            }
            else
            {
                var matching = state.OrderedIds.Select(id => state.Instances[id]).Where(Matches).ToList();
                total = matching.Count;
                page = matching.Skip((int)Math.Min((long)(pageNumber - 1) * pageSize, int.MaxValue)).Take(pageSize).ToList();
            }
            return EcsJson.From(new
            {
                TotalCount = total,
                PageNumber = tokenMode ? 1 : pageNumber,
                PageSize = pageSize,
                NextToken = nextToken,
                Instances = new { Instance = page.Select(i => View(i, now, bootDelay)).ToList() },
            });
        });
    }

    /// <summary>Ids strictly after the token, read from the ordered index without sorting.</summary>
    private static IEnumerable<string> IdsAfter(EmulatorState state, string? after)
    {
        if (after is null) return state.OrderedIds;
        if (state.OrderedIds.Count == 0 || string.CompareOrdinal(after, state.OrderedIds.Max) >= 0) return [];
        return state.OrderedIds.GetViewBetween(after, state.OrderedIds.Max!).Where(id => id != after);
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
