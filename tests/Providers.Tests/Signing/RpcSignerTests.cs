using CapacityConsole.Providers.AlibabaCloud.Signing;

namespace CapacityConsole.Providers.Tests.Signing;

public class RpcSignerTests
{
    [Fact]
    public void Sign_MatchesPublishedDescribeRegionsVector()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Action"] = "DescribeRegions", ["Format"] = "XML", ["Version"] = "2014-05-26",
            ["AccessKeyId"] = "testid", ["SignatureMethod"] = "HMAC-SHA1", ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ["Timestamp"] = "2016-02-23T12:46:24Z",
        };

        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSigner.Sign("GET", parameters, "testsecret"));
    }

    [Fact]
    public void CanonicalQuery_SortsOrdinallyAndEncodesRfc3986()
    {
        Assert.Equal(SpecVectors.RunInstancesCanonicalQuery, EcsPercentEncoder.CanonicalQuery(SpecVectors.RunInstancesRpcParams()));
    }

    [Fact]
    public void StringToSign_MatchesWorkedExample()
    {
        Assert.Equal(SpecVectors.RunInstancesStringToSign, RpcSigner.StringToSign("POST", SpecVectors.RunInstancesRpcParams()));
    }

    [Theory]
    [InlineData("POST", null, "5eQKhk8gKDys45OukdTTt0DrQew=")]
    [InlineData("GET", null, "17C2TRLvIxCM4jrZPjTlV4gyeLo=")]
    [InlineData("POST", "fakeStsToken/+==", "kW601WfNWYwImeM+EewDQ3DEMoo=")]
    public void Sign_MatchesWorkedExample(string method, string? securityToken, string expected)
    {
        var parameters = SpecVectors.RunInstancesRpcParams();
        if (securityToken is not null) parameters["SecurityToken"] = securityToken;

        Assert.Equal(expected, RpcSigner.Sign(method, parameters, "testAccessKeySecret"));
    }
}
