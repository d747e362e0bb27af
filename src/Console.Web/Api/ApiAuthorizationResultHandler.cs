using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Answers refused API calls with a ProblemDetails that says what was missing: a sign-in or key
/// (401), or which role (403). Pages keep the default behaviour (redirect to sign-in or denied).
/// </summary>
public sealed class ApiAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!http.Request.Path.StartsWithSegments("/api") || result.Succeeded)
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }

        ProblemDetails problem;
        if (result.Challenged)
        {
            // Lets the scheme set its status and WWW-Authenticate header; the cookie scheme answers 401 for /api.
            await http.ChallengeAsync();
            // The scheme's handler remembers its result for the request, so this does not look the key up again.
            var failure = (await http.AuthenticateAsync()).Failure?.Message;
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Not signed in.",
                Detail = failure ?? "Sign in, or send a service account's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.",
            };
        }
        else
        {
            await http.ForbidAsync();
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Missing role.",
                Detail = $"This endpoint needs the {NeededRoles(result)} role; '{http.User.Identity?.Name}' holds {HeldRoles(http)}.",
            };
        }
        http.Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private static string NeededRoles(PolicyAuthorizationResult result)
    {
        var roles = result.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct().ToList();
        return roles is { Count: > 0 } ? string.Join(" or ", roles) : "required";
    }

    private static string HeldRoles(HttpContext http)
    {
        var held = Enum.GetNames<Scheduler.Access.Role>().Where(http.User.IsInRole).ToList();
        return held.Count > 0 ? string.Join(", ", held) : "no role";
    }
}
