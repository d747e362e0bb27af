using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Scheduler.ProviderPort;
using Instance = CapacityConsole.Providers.AlibabaCloud.Models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance;

namespace CapacityConsole.Providers.AlibabaCloud;

public sealed partial class AlibabaCloudProvider
{
    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) => Guard(async () =>
    {
        var found = new List<ProvidedResource>();
        foreach (var region in Options.Regions)
        {
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
        }
        return (IReadOnlyList<ProvidedResource>)found;
    }, ct);

    private static ProvidedResource ToResource(Instance i) => new(
        i.InstanceId ?? "",
        i.ZoneId ?? "",
        i.InstanceType ?? "",
        i.Status ?? "",
        (i.Tags?.Tag ?? []).Where(t => t.TagKey is not null).ToDictionary(t => t.TagKey!, t => t.TagValue ?? ""),
        EcsTime.Parse(i.CreationTime) ?? DateTimeOffset.MinValue);
}
