using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>Cross-field rules DataAnnotations cannot express. Messages name fields, never values.</summary>
internal sealed class EcsClientOptionsValidator : IValidateOptions<EcsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, EcsClientOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(o.AccessKeyId) || string.IsNullOrEmpty(o.AccessKeySecret))
            errors.Add($"{EcsClientOptions.SectionName}: AccessKeyId and AccessKeySecret are required (or set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET).");
        if (o.Endpoint is { IsAbsoluteUri: false } || o.Endpoint is { Scheme: not ("http" or "https") })
            errors.Add($"{EcsClientOptions.SectionName}: Endpoint must be an absolute http(s) URI.");
        if (o.RetryBaseDelay < TimeSpan.Zero || o.RetryMaxDelay < o.RetryBaseDelay)
            errors.Add($"{EcsClientOptions.SectionName}: RetryBaseDelay must be >= 0 and <= RetryMaxDelay.");
        if (o.AttemptTimeout <= TimeSpan.Zero || o.TotalTimeout < o.AttemptTimeout)
            errors.Add($"{EcsClientOptions.SectionName}: AttemptTimeout must be > 0 and <= TotalTimeout.");
        foreach (var (action, rps) in o.RequestsPerSecond.Where(r => r.Value < 1))
            errors.Add($"{EcsClientOptions.SectionName}: RequestsPerSecond:{action} must be >= 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
