using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>Refused requests get the documented code and change nothing (spec §4, §8.1–8.3).</summary>
public class EmulatorAuthenticationTests
{
    private static Dictionary<string, string> RunOne() => new()
    {
        ["RegionId"] = Region, ["ZoneId"] = RoomyZone, ["InstanceType"] = C7Large, ["ImageId"] = "img",
    };

    private static void AssertNothingChanged(EcsTestBed bed)
    {
        Assert.Empty(bed.Host.Instances);
        Assert.Equal(RoomyStock, bed.Host.RemainingStock(RoomyZone, C7Large));
    }

    [Theory]
    [InlineData("GET", false)]
    [InlineData("POST", false)]
    [InlineData("POST", true)]
    public async Task SignedV1_IsAccepted_InQueryOrFormBody(string method, bool formBody)
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("RunInstances", RunOne()), method, formBody);

        Assert.Equal(200, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("RequestId").GetString()));
        Assert.Single(bed.Host.Instances);
    }

    [Fact]
    public async Task Unsigned_IsRefused()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("RunInstances", RunOne()), sign: false);

        Assert.Equal((400, "IncompleteSignature"), (answer.Status, answer.Code));
        AssertNothingChanged(bed);
    }

    [Fact]
    public async Task WrongSecret_IsRefused_WithServerStringToSign()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("RunInstances", RunOne()), secret: "not-the-secret");

        Assert.Equal((400, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
        Assert.Contains("server string to sign is:POST&%2F&AccessKeyId", answer.Message);
        Assert.True(answer.Body.TryGetProperty("HostId", out _) && answer.Body.TryGetProperty("Recommend", out _));
        AssertNothingChanged(bed);
    }

    [Fact]
    public async Task TamperedV3Query_IsRefused()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var good = await raw.SendV3Async("DescribeZones", new() { ["RegionId"] = Region });
        var bad = await raw.SendV3Async("RunInstances", RunOne(), tamper: q => q["Amount"] = "50");

        Assert.Equal(200, good.Status);
        Assert.Equal((400, "SignatureDoesNotMatch"), (bad.Status, bad.Code));
        AssertNothingChanged(bed);
    }

    [Fact]
    public async Task ReplayedNonce_IsRefused()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);
        var parameters = raw.V1("RunInstances", RunOne(), nonce: "same-nonce");

        var first = await raw.SendV1Async(parameters);
        var replay = await raw.SendV1Async(parameters);

        Assert.Equal(200, first.Status);
        Assert.Equal((400, "SignatureNonceUsed"), (replay.Status, replay.Code));
        Assert.Single(bed.Host.Instances);
    }

    [Theory]
    [InlineData(-16, "InvalidTimeStamp.Expired")]
    [InlineData(16, "InvalidTimeStamp.Expired")]
    [InlineData(-14, null)]
    public async Task Timestamp_OutsideTheWindow_IsRefused(int minutes, string? code)
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("RunInstances", RunOne(), at: bed.Time.GetUtcNow().AddMinutes(minutes)));

        Assert.Equal(code, answer.Code);
        Assert.Equal(code is null ? 1 : 0, bed.Host.Instances.Count);
    }

    [Fact]
    public async Task UnknownAccessKey_IsRefused()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);
        var parameters = raw.V1("RunInstances", RunOne());
        parameters["AccessKeyId"] = "nobody";

        var answer = await raw.SendV1Async(parameters);

        Assert.Equal("InvalidAccessKeyId.NotFound", answer.Code);
        AssertNothingChanged(bed);
    }

    [Fact]
    public async Task UnknownAction_IsNotFound()
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);

        var answer = await raw.SendV1Async(raw.V1("LaunchRockets"));

        Assert.Equal((404, "InvalidAction.NotFound"), (answer.Status, answer.Code));
    }

    [Theory]
    [InlineData("Amount", "0", "InvalidParameter")]
    [InlineData("Amount", "abc", "InvalidParameter")]
    [InlineData("MinAmount", "5", "InvalidParameter")]
    [InlineData("ImageId", "", "MissingParameter")]
    [InlineData("Tag.21.Key", "k", "InvalidParameter")]
    [InlineData("Tag.1.Key", "aliyun-reserved", "InvalidParameter")]
    [InlineData("InstanceType", "ecs.nope.large", "InvalidInstanceType.ValueNotSupported")]
    [InlineData("AutoReleaseTime", "2026-11-25 09:00", "InvalidParameter")]
    [InlineData("RegionId", "cn-nowhere", "InvalidRegionId.NotFound")]
    [InlineData("ClientToken", "é", "InvalidParameter")]
    [InlineData("DryRun", "maybe", "InvalidParameter")]
    public async Task BadParameter_GetsDocumentedCode_AndChangesNothing(string name, string value, string code)
    {
        await using var bed = await EcsTestBed.StartAsync();
        using var raw = new RawEcsCaller(bed);
        var business = RunOne();
        business[name] = value;

        var answer = await raw.SendV1Async(raw.V1("RunInstances", business));

        Assert.Equal(code, answer.Code);
        Assert.InRange(answer.Status, 400, 499);
        AssertNothingChanged(bed);
    }
}
