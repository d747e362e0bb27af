using CapacityConsole.Providers.AlibabaCloud.Signing;

namespace CapacityConsole.Providers.Tests.Signing;

public class Acs3SignerTests
{
    [Fact]
    public void Sign_MatchesPublishedV3Example()
    {
        var query = new Dictionary<string, string>
        {
            ["ImageId"] = "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ["RegionId"] = "cn-shanghai",
        };
        var headers = SpecVectors.V3Headers("ecs.cn-shanghai.aliyuncs.com", "RunInstances", "2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d");

        var canonical = Acs3Signer.CanonicalRequest("POST", query, headers, Acs3Signer.EmptyPayloadHash);

        Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", Acs3Signer.Sign(canonical, "YourAccessKeySecret"));
    }

    [Fact]
    public void Sign_MatchesWorkedRunInstancesExample()
    {
        var headers = SpecVectors.V3Headers("ecs.cn-hangzhou.aliyuncs.com", "RunInstances", "2025-01-15T08:30:00Z", "0b8f2b8e-4f6d-4a49-9d2c-6b7f7e4c1a20");

        var canonical = Acs3Signer.CanonicalRequest("POST", SpecVectors.RunInstancesBusinessParams(), headers, Acs3Signer.EmptyPayloadHash);

        Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", Acs3Signer.SignedHeaders(headers));
        Assert.Equal("1ff4a09313ebff80045cc00e9f14aaf34141f662220218d1d5f799f42d90137b", Acs3Signer.HexSha256(System.Text.Encoding.UTF8.GetBytes(canonical)));
        Assert.Equal("00d2875dbe048c97d6812370551432c6fd0e0aa2d07812769571025e19434be6", Acs3Signer.Sign(canonical, "testAccessKeySecret"));
    }

    [Fact]
    public void Sign_DiffersWhenTheSecretCarriesTheV1Ampersand()
    {
        var headers = SpecVectors.V3Headers("h", "RunInstances", "2025-01-15T08:30:00Z", "n");
        var canonical = Acs3Signer.CanonicalRequest("POST", [], headers, Acs3Signer.EmptyPayloadHash);

        Assert.NotEqual(Acs3Signer.Sign(canonical, "secret"), Acs3Signer.Sign(canonical, "secret&"));
    }
}
