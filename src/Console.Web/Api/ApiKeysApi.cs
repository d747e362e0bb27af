using System.Security.Claims;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ApiKeysApi
{
    /// <summary>A key as listed: never its secret nor its hash. <see cref="UserName"/> is the user it acts as.</summary>
    public sealed record ApiKeyView(
        Guid Id, string Name, string? UserName, string? Team, IReadOnlyList<string> Roles, string Prefix, string CreatedBy, DateTimeOffset CreatedAt,
        string? RevokedBy, DateTimeOffset? RevokedAt)
    {
        public static ApiKeyView From(ApiKey k) => new(k.Id, k.Name, k.UserName, k.Team,
            Enum.GetValues<Role>().Where(r => r != Role.None && (k.Roles & r) == r).Select(r => r.ToString()).ToList(),
            k.Prefix, k.CreatedBy, k.CreatedAt, k.RevokedBy, k.RevokedAt);
    }

    /// <summary>The answer to a creation: the only time <see cref="Key"/> is ever shown.</summary>
    public sealed record CreatedApiKeyView(ApiKeyView ApiKey, string Key, string Note);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<ApiKeyView>>, ValidationProblem>> (
                bool? revoked, string? search, int? page, int? pageSize, ApiKeyService keys, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging, search) is { } invalid) return invalid;
                return TypedResults.Ok((await keys.PageAsync(new ApiKeyFilter(revoked, search), paging, ct)).Map(ApiKeyView.From).Describe(http));
            })
            .WithSummary("API keys with the user each acts as, without secrets, newest first; revoked=false lists only active keys, " +
                "revoked=true only revoked ones; a search matches name, holder, team or prefix; paged like the request list.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400);

        group.MapPost("/", async Task<Created<CreatedApiKeyView>> (NewApiKey input, ApiKeyService keys, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var created = await keys.CreateAsync(input, user.ToActor(), ct);
                return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", new CreatedApiKeyView(ApiKeyView.From(created.Key), created.Secret,
                    "Store the key now: it is shown only once. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."));
            })
            .WithSummary("Issues a key to a user (a person or a service account): it acts as that user with some of their roles; returns the key once.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 409);

        group.MapDelete("/{id}", async (Guid id, ApiKeyService keys, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(ApiKeyView.From(await keys.RevokeAsync(id, user.ToActor(), ct))))
            .WithSummary("Revokes a key; calls made with it are refused from then on.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 404, 409);
        return app;
    }
}
