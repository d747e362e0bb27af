using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>DescribeInstanceTypes (spec §3.4) as an official SDK client calls it: filters and MaxResults/NextToken paging.</summary>
public sealed class EmulatorInstanceTypesTests
{
    // Nine types: vCPUs 2..64, memory 4..256 GiB, three of them ARM.
    private static readonly (string Type, int Cores, double Memory, string Arch)[] Types =
    [
        ("ecs.c7.large", 2, 4, "X86"), ("ecs.c7.xlarge", 4, 8, "X86"), ("ecs.c7.2xlarge", 8, 16, "X86"),
        ("ecs.g7.4xlarge", 16, 64, "X86"), ("ecs.g7.8xlarge", 32, 128, "X86"), ("ecs.r7.16xlarge", 64, 256, "X86"),
        ("ecs.g8y.large", 2, 8, "ARM"), ("ecs.g8y.2xlarge", 8, 32, "ARM"), ("ecs.g8y.8xlarge", 32, 128, "ARM"),
    ];

    private static void World(EcsEmulatorOptions o) => o.Regions =
    [
        new EmulatorRegion
        {
            RegionId = TestTopology.Region,
            Zones = [new EmulatorZone
            {
                ZoneId = TestTopology.RoomyZone,
                Offerings = [.. Types.Select(t => new EmulatorOffering { InstanceType = t.Type, Cores = t.Cores, MemoryGiB = t.Memory, CpuArchitecture = t.Arch, Stock = 10, PricePerHour = 1m })],
            }],
        },
    ];

    [Fact]
    public async Task Filters_ByVcpus_Memory_AndArchitecture()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: World);

        var ids = await IdsAsync(bed.Client, new DescribeInstanceTypesRequest { MinimumCpuCoreCount = 8, MaximumCpuCoreCount = 32, MinimumMemorySize = 20, CpuArchitecture = "X86" });
        var arm = await IdsAsync(bed.Client, new DescribeInstanceTypesRequest { CpuArchitecture = "ARM" });

        Assert.Equal(["ecs.g7.4xlarge", "ecs.g7.8xlarge"], ids);
        Assert.Equal(["ecs.g8y.2xlarge", "ecs.g8y.8xlarge", "ecs.g8y.large"], arm);
        var described = (await bed.Client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = ["ecs.g8y.large"] }))
            .Body!.InstanceTypes!.InstanceType!.Single();
        Assert.Equal(("ARM", 2, 8f), (described.CpuArchitecture, described.CpuCoreCount, described.MemorySize));
    }

    [Fact]
    public async Task Pages_WithMaxResultsAndNextToken_EveryTypeOnce_InOrder()
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: World);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = (await bed.Client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { MaxResults = 4, NextToken = token })).Body!;
            var page = body.InstanceTypes!.InstanceType!.Select(t => t.InstanceTypeId!).ToList();
            Assert.InRange(page.Count, 1, 4);
            seen.AddRange(page);
            token = string.IsNullOrEmpty(body.NextToken) ? null : body.NextToken;
            pages++;
        } while (token is not null && pages < 10);

        Assert.Equal(3, pages); // 4 + 4 + 1
        Assert.Equal(Types.Select(t => t.Type).Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("CpuArchitecture", "RISCV")]
    [InlineData("MinimumMemorySize", "lots")]
    [InlineData("MaxResults", "0")]
    [InlineData("MaxResults", "1601")]
    public async Task BadFilter_IsInvalidParameter(string name, string value)
    {
        await using var bed = await EcsTestBed.StartAsync(emulator: World);
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("DescribeInstanceTypes", new() { [name] = value }));

        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidParameter", answer.Code);
        Assert.Contains(name, answer.Message);
    }

    private static async Task<List<string>> IdsAsync(EcsClient client, DescribeInstanceTypesRequest request) =>
        (await client.DescribeInstanceTypesAsync(request)).Body!.InstanceTypes!.InstanceType!.Select(t => t.InstanceTypeId!).ToList();
}
