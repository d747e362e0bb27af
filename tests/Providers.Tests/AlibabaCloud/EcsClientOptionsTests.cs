using CapacityConsole.Providers.AlibabaCloud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.Tests.AlibabaCloud;

public class EcsClientOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddAlibabaCloudEcs();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Options_BindFromTheSection()
    {
        using var sp = Build(new()
        {
            ["Providers:AlibabaCloud:AccessKeyId"] = "ak",
            ["Providers:AlibabaCloud:AccessKeySecret"] = "sk",
            ["Providers:AlibabaCloud:Regions:0"] = "cn-beijing",
            ["Providers:AlibabaCloud:Endpoint"] = "http://127.0.0.1:5900/",
            ["Providers:AlibabaCloud:RequestsPerSecond:RunInstances"] = "5",
        });

        var o = sp.GetRequiredService<IOptions<EcsClientOptions>>().Value;

        Assert.Equal(("ak", "sk"), (o.AccessKeyId, o.AccessKeySecret));
        Assert.Equal(["cn-beijing"], o.Regions);
        Assert.Equal(5, o.RequestsPerSecond["RunInstances"]);
    }

    [Fact]
    public void MissingSecret_FailsValidation_WithoutEchoingValues()
    {
        using var sp = Build(new()
        {
            ["Providers:AlibabaCloud:AccessKeyId"] = "my-visible-ak-id",
            ["Providers:AlibabaCloud:Regions:0"] = "cn-beijing",
            ["Providers:AlibabaCloud:SignatureAlgorithm"] = "v9",
        });

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<EcsClientOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("AccessKeySecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("SignatureAlgorithm", StringComparison.Ordinal));
        Assert.DoesNotContain("my-visible-ak-id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRegions_FailsValidation()
    {
        using var sp = Build(new() { ["Providers:AlibabaCloud:AccessKeyId"] = "a", ["Providers:AlibabaCloud:AccessKeySecret"] = "b" });

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<EcsClientOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Regions", StringComparison.Ordinal));
    }

    [Fact]
    public void CredentialsMissingFromConfiguration_ComeFromTheStandardEnvironmentVariables()
    {
        // Only this test leaves AccessKeyId unconfigured, so the variables cannot leak into others.
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-ak");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");
        Environment.SetEnvironmentVariable("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
        try
        {
            using var sp = Build(new() { ["Providers:AlibabaCloud:Regions:0"] = "cn-beijing" });

            var o = sp.GetRequiredService<IOptions<EcsClientOptions>>().Value;

            Assert.Equal(("env-ak", "env-secret", "env-token"), (o.AccessKeyId, o.AccessKeySecret, o.SecurityToken));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET", null);
            Environment.SetEnvironmentVariable("ALIBABA_CLOUD_SECURITY_TOKEN", null);
        }
    }
}
