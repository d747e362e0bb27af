using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>
/// Fills credentials missing from configuration from the standard variables (spec §7, first link of
/// the SDK's default chain). Configuration wins so a test or the emulator wiring can override them.
/// </summary>
internal sealed class EcsCredentialsFromEnvironment : IPostConfigureOptions<EcsClientOptions>
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    public void PostConfigure(string? name, EcsClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.AccessKeyId)) return;
        options.AccessKeyId = Environment.GetEnvironmentVariable(AccessKeyIdVariable);
        options.AccessKeySecret = Environment.GetEnvironmentVariable(AccessKeySecretVariable);
        options.SecurityToken ??= Environment.GetEnvironmentVariable(SecurityTokenVariable);
    }
}
