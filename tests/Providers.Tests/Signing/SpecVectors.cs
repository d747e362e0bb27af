namespace CapacityConsole.Providers.Tests.Signing;

/// <summary>Inputs of the worked examples in shared/spec/alibaba-ecs-openapi.md §2.2 and §2.3.</summary>
public static class SpecVectors
{
    public static Dictionary<string, string> RunInstancesBusinessParams() => new(StringComparer.Ordinal)
    {
        ["RegionId"] = "cn-hangzhou",
        ["ZoneId"] = "cn-hangzhou-k",
        ["InstanceType"] = "ecs.g7.large",
        ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd",
        ["SecurityGroupId"] = "sg-bp1fakesg000000001",
        ["VSwitchId"] = "vsw-bp1fakevsw00000001",
        ["InstanceChargeType"] = "PostPaid",
        ["Amount"] = "3",
        ["MinAmount"] = "1",
        ["ClientToken"] = "7c1e3f0a-5b2d-4e8f-9a61-2d4c8b0e1f35",
        ["Tag.1.Key"] = "capacity-pool",
        ["Tag.1.Value"] = "web tier*~\u00e9",
    };

    public static Dictionary<string, string> RunInstancesRpcParams()
    {
        var p = RunInstancesBusinessParams();
        p["Action"] = "RunInstances";
        p["Version"] = "2014-05-26";
        p["Format"] = "JSON";
        p["AccessKeyId"] = "testAccessKeyId";
        p["SignatureMethod"] = "HMAC-SHA1";
        p["SignatureVersion"] = "1.0";
        p["Timestamp"] = "2025-01-15T08:30:00Z";
        p["SignatureNonce"] = "0b8f2b8e-4f6d-4a49-9d2c-6b7f7e4c1a20";
        return p;
    }

    public const string RunInstancesCanonicalQuery =
        "AccessKeyId=testAccessKeyId&Action=RunInstances&Amount=3&ClientToken=7c1e3f0a-5b2d-4e8f-9a61-2d4c8b0e1f35&Format=JSON&ImageId=aliyun_3_x64_20G_alibase_20240528.vhd&InstanceChargeType=PostPaid&InstanceType=ecs.g7.large&MinAmount=1&RegionId=cn-hangzhou&SecurityGroupId=sg-bp1fakesg000000001&SignatureMethod=HMAC-SHA1&SignatureNonce=0b8f2b8e-4f6d-4a49-9d2c-6b7f7e4c1a20&SignatureVersion=1.0&Tag.1.Key=capacity-pool&Tag.1.Value=web%20tier%2A~%C3%A9&Timestamp=2025-01-15T08%3A30%3A00Z&VSwitchId=vsw-bp1fakevsw00000001&Version=2014-05-26&ZoneId=cn-hangzhou-k";

    public const string RunInstancesStringToSign =
        "POST&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DRunInstances%26Amount%3D3%26ClientToken%3D7c1e3f0a-5b2d-4e8f-9a61-2d4c8b0e1f35%26Format%3DJSON%26ImageId%3Daliyun_3_x64_20G_alibase_20240528.vhd%26InstanceChargeType%3DPostPaid%26InstanceType%3Decs.g7.large%26MinAmount%3D1%26RegionId%3Dcn-hangzhou%26SecurityGroupId%3Dsg-bp1fakesg000000001%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0b8f2b8e-4f6d-4a49-9d2c-6b7f7e4c1a20%26SignatureVersion%3D1.0%26Tag.1.Key%3Dcapacity-pool%26Tag.1.Value%3Dweb%2520tier%252A~%25C3%25A9%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26VSwitchId%3Dvsw-bp1fakevsw00000001%26Version%3D2014-05-26%26ZoneId%3Dcn-hangzhou-k";

    public static Dictionary<string, string> V3Headers(string host, string action, string date, string nonce) => new(StringComparer.Ordinal)
    {
        ["host"] = host,
        ["x-acs-action"] = action,
        ["x-acs-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ["x-acs-date"] = date,
        ["x-acs-signature-nonce"] = nonce,
        ["x-acs-version"] = "2014-05-26",
    };
}
