using CapacityConsole.EcsEmulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

public class EmulatorHostTests
{
    [Fact]
    public async Task StartFromConfiguration_BindsTheSection_OnLoopback()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EcsEmulator:Credentials:0:AccessKeyId"] = "cfg-ak",
            ["EcsEmulator:Credentials:0:AccessKeySecret"] = "cfg-secret",
            ["EcsEmulator:Regions:0:RegionId"] = "cn-cfg",
            ["EcsEmulator:Regions:0:Zones:0:ZoneId"] = "cn-cfg-a",
            ["EcsEmulator:Regions:0:Zones:0:Offerings:0:InstanceType"] = "ecs.c7.large",
            ["EcsEmulator:Regions:0:Zones:0:Offerings:0:Stock"] = "7",
            ["EcsEmulator:BootDelay"] = "00:00:05",
        }).Build();

        await using var host = await EcsEmulatorHost.StartAsync(configuration);

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.Equal("cfg-ak", host.Credentials.AccessKeyId);
        Assert.Equal(["cn-cfg"], host.RegionIds);
        Assert.Equal(7, host.RemainingStock("cn-cfg-a", "ecs.c7.large"));
    }

    [Fact]
    public async Task EmptyOptions_GetDemoTopologyAndAGeneratedKey()
    {
        await using var host = await EcsEmulatorHost.StartAsync(new CapacityConsole.EcsEmulator.Options.EcsEmulatorOptions());

        Assert.Contains("cn-beijing", host.RegionIds);
        Assert.StartsWith("EMU", host.Credentials.AccessKeyId);
        Assert.Equal(32, host.Credentials.AccessKeySecret.Length);
    }

    [Fact]
    public async Task InvalidOptions_FailBeforeListening()
    {
        var options = new CapacityConsole.EcsEmulator.Options.EcsEmulatorOptions();
        options.Regions.Add(new() { RegionId = "cn-x", Zones = [new() { ZoneId = "us-y-a" }] });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EcsEmulatorHost.StartAsync(options));

        Assert.Contains(error.Failures, f => f.Contains("us-y-a", StringComparison.Ordinal));
    }
}
