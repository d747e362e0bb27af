using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Testing;

/// <summary>
/// Hooks for the browser tests only. Never set in appsettings: the end-to-end tests pass
/// <c>--Testing:ClockHook=true</c> on the command line of the console they start.
/// </summary>
public sealed class TestingOptions
{
    public const string SectionName = "Testing";

    /// <summary>Lets POST /testing/clock/advance move the console's clock forward (loopback callers only).</summary>
    public bool ClockHook { get; set; }
}

/// <summary>A movable clock in production would let anyone on the box fast-forward releases and spend: refuse it.</summary>
internal sealed class TestingOptionsValidator(IHostEnvironment environment) : IValidateOptions<TestingOptions>
{
    public ValidateOptionsResult Validate(string? name, TestingOptions options) =>
        options.ClockHook && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail($"Testing:ClockHook is for browser tests and is refused in the {environment.EnvironmentName} environment; run them in Development.")
            : ValidateOptionsResult.Success;
}
