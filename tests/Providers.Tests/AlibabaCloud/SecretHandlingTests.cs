using CapacityConsole.Providers.AlibabaCloud;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

/// <summary>Secrets (AccessKey secret, STS token) never reach a log line or an exception message.</summary>
public class SecretHandlingTests
{
    private const string Secret = "S3cr3t-AccessKey-Secret-Value";
    private const string Token = "STS/Token+Value==";

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task Secrets_AreAbsentFromLogsAndErrors(string algorithm)
    {
        await using var bed = await EcsTestBed.StartAsync(
            emulator: o => o.Credentials.Add(new() { AccessKeyId = "STS.tester", AccessKeySecret = Secret, SecurityToken = Token }),
            client: o => (o.SignatureAlgorithm, o.AccessKeyId, o.AccessKeySecret, o.SecurityToken) = (algorithm, "STS.tester", Secret, Token));

        await bed.Client.RunInstancesAsync(new RunInstancesRequest { RegionId = Region, InstanceType = C7Large, ImageId = "img", ClientToken = "t1" });
        var failures = new List<Exception>
        {
            await Assert.ThrowsAsync<EcsException>(() => bed.Client.RunInstancesAsync(
                new RunInstancesRequest { RegionId = Region, InstanceType = SoldOutType, ImageId = "img", ClientToken = "t2" })),
        };
        await using (var wrong = await EcsTestBed.StartAsync(
            emulator: o => o.Credentials.Add(new() { AccessKeyId = "STS.tester", AccessKeySecret = "the-real-one", SecurityToken = Token }),
            client: o => (o.SignatureAlgorithm, o.AccessKeyId, o.AccessKeySecret, o.SecurityToken) = (algorithm, "STS.tester", Secret, Token)))
        {
            var mismatch = await Assert.ThrowsAsync<EcsException>(() => wrong.Client.DescribeZonesAsync(new DescribeZonesRequest { RegionId = Region }));
            Assert.Equal("SignatureDoesNotMatch", mismatch.Code);
            Assert.Contains("server string to sign is:", mismatch.Message);
            failures.Add(mismatch);
            foreach (var line in wrong.Logs.Lines) AssertClean(line);
        }

        Assert.Contains(bed.Logs.Lines, l => l.Contains("ECS emulator RunInstances", StringComparison.Ordinal)); // capture works
        foreach (var line in bed.Logs.Lines) AssertClean(line);
        foreach (var failure in failures) AssertClean(failure.ToString());
    }

    private static void AssertClean(string text)
    {
        foreach (var secret in new[] { Secret, Token, Uri.EscapeDataString(Token), Uri.EscapeDataString(Uri.EscapeDataString(Token)) })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }
}
