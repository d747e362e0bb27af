using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>Requests the client refuses before sending, naming the wrong field; the emulator sees nothing.</summary>
public class EcsClientValidationTests
{
    private static RunInstancesRequest Valid() => new()
    {
        RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img", Amount = 1,
    };

    public static TheoryData<string, Action<RunInstancesRequest>> BadRequests => new()
    {
        { "Amount", r => r.Amount = 0 },
        { "Amount", r => r.Amount = 101 },
        { "MinAmount", r => (r.Amount, r.MinAmount) = (2, 3) },
        { "RegionId", r => r.RegionId = "Beijing!" },
        { "ZoneId", r => r.ZoneId = "cn-other-a" },
        { "InstanceType", r => r.InstanceType = null },
        { "ClientToken", r => r.ClientToken = new string('x', 65) },
        { "Tag.2.Key", r => r.Tag = [new() { Key = "ok", Value = "v" }, new() { Key = "aliyun:x", Value = "v" }] },
        { "Tag.1.Value", r => r.Tag = [new() { Key = "k", Value = "see https://x" }] },
        { "Tag.1.Value", r => r.Tag = [new() { Key = "k", Value = new string('v', 129) }] },
        { "Tag", r => r.Tag = Enumerable.Range(0, 21).Select(i => new RunInstancesRequest.RunInstancesRequestTag { Key = $"k{i}" }).ToList() },
        { "AutoReleaseTime", r => r.AutoReleaseTime = "tomorrow" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task RunInstances_RejectsBadField_BeforeSending(string field, Action<RunInstancesRequest> spoil)
    {
        await using var bed = await EcsTestBed.StartAsync();
        var request = Valid();
        spoil(request);

        var error = await Assert.ThrowsAsync<EcsValidationException>(() => bed.Client.RunInstancesAsync(request));

        Assert.Equal(field, error.ParamName);
        Assert.Empty(bed.Host.Instances);
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains("ECS emulator RunInstances", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteInstances_RejectsMoreThan100Ids()
    {
        await using var bed = await EcsTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<EcsValidationException>(() => bed.Client.DeleteInstancesAsync(new DeleteInstancesRequest
        {
            RegionId = Region, InstanceId = Enumerable.Range(0, 101).Select(i => $"i-{i}").ToList(),
        }));

        Assert.Equal("InstanceId", error.ParamName);
    }
}
