using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

/// <summary>Local users for automation of on- and off-boarding; the same rules and audit as the Admin page.</summary>
public static class UsersApi
{
    /// <summary>A user as shown: never the password nor its hash.</summary>
    public sealed record UserView(string UserName, string DisplayName, string? Team, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset CreatedAt)
    {
        public static UserView From(User u) => new(u.UserName, u.DisplayName, u.Team,
            Enum.GetValues<Role>().Where(r => r != Role.None && u.Has(r)).Select(r => r.ToString()).ToList(), u.Disabled, u.CreatedAt);
    }

    public sealed record RolesChange(IReadOnlyList<Role> Roles, string? Team);

    public sealed record PasswordReset(string Password);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<UserView>>, ValidationProblem>> (
                string? search, int? page, int? pageSize, UserRepository users, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging, search) is { } invalid) return invalid;
                return TypedResults.Ok((await users.PageAsync(search, paging, ct)).Map(UserView.From).Describe(http));
            })
            .WithSummary("Local users by user name, without passwords or hashes, optionally matching a search (user name, display name, team); " +
                "paged like the request list.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400);

        group.MapPost("/", async Task<Created<UserView>> (NewUser input, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var created = await users.CreateAsync(input, user.ToActor(), ct);
                return TypedResults.Created($"/api/v1/users/{created.UserName}", UserView.From(created));
            })
            .WithSummary("Creates a local user with roles and an initial password (at least 12 characters, stored hashed).")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 409);

        group.MapPut("/{userName}/roles", async (string userName, RolesChange input, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(UserView.From(await users.SetRolesAsync(userName, input.Roles, input.Team, user.ToActor(), ct))))
            .WithSummary("Replaces a user's roles and team and ends all their sessions; an admin cannot remove their own Admin role.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 404);

        group.MapPost("/{userName}/disable", async (string userName, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(UserView.From(await users.SetDisabledAsync(userName, true, user.ToActor(), ct))))
            .WithSummary("Disables a user: their sessions and API keys stop working and they can no longer sign in. An admin cannot disable themselves.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(404, 409);

        group.MapPost("/{userName}/enable", async (string userName, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(UserView.From(await users.SetDisabledAsync(userName, false, user.ToActor(), ct))))
            .WithSummary("Enables a disabled user again.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(404, 409);

        group.MapPost("/{userName}/password", async (string userName, PasswordReset input, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(UserView.From(await users.ResetPasswordAsync(userName, input.Password, user.ToActor(), ct))))
            .WithSummary("Sets a new password (at least 12 characters) and ends all the user's sessions; neither it nor its hash is ever returned or audited.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 404);
        return app;
    }
}
