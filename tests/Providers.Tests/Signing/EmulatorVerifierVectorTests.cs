using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.Signing;

namespace CapacityConsole.Providers.Tests.Signing;

/// <summary>The emulator has its own canonicalisation code; it must reproduce the same spec vectors.</summary>
public class EmulatorVerifierVectorTests
{
    [Fact]
    public void V1StringToSign_MatchesWorkedExample()
    {
        var parameters = SpecVectors.RunInstancesRpcParams();
        parameters["Signature"] = "5eQKhk8gKDys45OukdTTt0DrQew=";
        var request = new EcsRequest("POST", "ecs.cn-hangzhou.aliyuncs.com", parameters, parameters, [], []);

        Assert.Equal(SpecVectors.RunInstancesStringToSign, V1SignatureVerifier.StringToSign(request));
        V1SignatureVerifier.Verify(request, "testAccessKeySecret"); // throws on mismatch
    }

    [Fact]
    public void V1Verify_RejectsAWrongSecret_QuotingTheServerStringToSign()
    {
        var parameters = SpecVectors.RunInstancesRpcParams();
        parameters["Signature"] = "5eQKhk8gKDys45OukdTTt0DrQew=";
        var request = new EcsRequest("POST", "h", parameters, parameters, [], []);

        var error = Assert.Throws<EcsError>(() => V1SignatureVerifier.Verify(request, "otherSecret"));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.EndsWith("server string to sign is:" + SpecVectors.RunInstancesStringToSign, error.Message);
    }

    [Fact]
    public void V3Verify_AcceptsTheWorkedExample()
    {
        var headers = SpecVectors.V3Headers("ecs.cn-hangzhou.aliyuncs.com", "RunInstances", "2025-01-15T08:30:00Z", "0b8f2b8e-4f6d-4a49-9d2c-6b7f7e4c1a20");
        var query = SpecVectors.RunInstancesBusinessParams();
        var request = new EcsRequest("POST", "ecs.cn-hangzhou.aliyuncs.com", query, query, headers, []);
        var auth = V3SignatureVerifier.Parse("ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders="
            + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            + "Signature=00d2875dbe048c97d6812370551432c6fd0e0aa2d07812769571025e19434be6");

        V3SignatureVerifier.Verify(request, auth, "testAccessKeySecret");
        Assert.Throws<EcsError>(() => V3SignatureVerifier.Verify(request, auth, "testAccessKeySecret&"));
    }
}
