using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// A Blazor circuit keeps the principal it started with; this re-checks its session every
/// <see cref="RevalidationInterval"/>, so a signed-out, disabled or reset user's open pages drop to
/// the sign-in page too, not only their next HTTP request.
/// </summary>
internal sealed class CircuitSessionCheck(ILoggerFactory logger, IServiceScopeFactory scopes, IOptions<CircuitSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await UserSessionCheck.IsValidAsync(state.User, scope.ServiceProvider, ct);
    }
}

/// <summary>How often an open circuit re-checks its session (SignIn:RevalidationInterval).</summary>
public sealed class CircuitSessionOptions
{
    public const string SectionName = "SignIn";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "SignIn:RevalidationInterval must be between 1 second and 10 minutes.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(15);
}
