using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Scheduler.ProviderPort;
using Instance = CapacityConsole.Providers.AlibabaCloud.Models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance;

namespace CapacityConsole.Providers.AlibabaCloud;

public sealed partial class AlibabaCloudProvider
{
    /// <summary>
    /// Every region is asked at once: a tag does not say the region, and one region after another made a
    /// batch's boot poll cost a DescribeInstances latency (about a second on real ECS) per configured
    /// region (issue 15: at 100,000 cores the polls, not the boots, decided when the request was Active).
    /// </summary>
    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) => Guard(async () =>
    {
        var regions = await Task.WhenAll(Options.Regions.Select(region => ListRegionByTagAsync(region, tagKey, tagValue, ct)));
        return (IReadOnlyList<ProvidedResource>)regions.SelectMany(r => r).ToList();
    }, ct);

    private async Task<List<ProvidedResource>> ListRegionByTagAsync(string region, string tagKey, string tagValue, CancellationToken ct)
    {
        var found = new List<ProvidedResource>();
        string? next = null;
        do
        {
            // NextToken paging: PageNumber paging shifts when instances vanish between pages.
            var page = await ecs.DescribeInstancesAsync(new DescribeInstancesRequest
            {
                RegionId = region,
                MaxResults = 100,
                NextToken = next,
                Tag = [new() { Key = tagKey, Value = tagValue }],
            }, ct);
            found.AddRange((page.Body?.Instances?.Instance ?? []).Select(ToResource));
            next = page.Body?.NextToken;
        } while (!string.IsNullOrEmpty(next));
        return found;
    }

    private static ProvidedResource ToResource(Instance i) => new(
        i.InstanceId ?? "",
        i.ZoneId ?? "",
        i.InstanceType ?? "",
        i.Status ?? "",
        (i.Tags?.Tag ?? []).Where(t => t.TagKey is not null).ToDictionary(t => t.TagKey!, t => t.TagValue ?? ""),
        EcsTime.Parse(i.CreationTime) ?? DateTimeOffset.MinValue);
}
