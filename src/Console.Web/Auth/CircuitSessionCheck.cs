using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CapacityConsole.Web.Auth;

/// <summary>
/// A Blazor circuit keeps the principal it started with; this re-checks its session every
/// <see cref="RevalidationInterval"/>, so a signed-out, disabled or reset user's open pages drop to
/// the sign-in page too, not only their next HTTP request.
/// </summary>
internal sealed class CircuitSessionCheck(ILoggerFactory logger, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(15);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await UserSessionCheck.IsValidAsync(state.User, scope.ServiceProvider, ct);
    }
}
