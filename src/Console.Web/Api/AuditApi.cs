using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class AuditApi
{
    /// <summary>The entity type RequestService writes for core-quota requests.</summary>
    private const string RequestEntity = "CoreQuotaRequest";

    /// <summary>
    /// Entities whose page only admins see (Admin → Users, API keys): their trail holds key prefixes,
    /// holders and roles. Least privilege (issue 10): a non-admin reads of an object's history only
    /// what the object's own page shows them.
    /// </summary>
    private static readonly string[] AdminOnlyEntities = [nameof(ApiKey), nameof(User)];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<Results<Ok<IReadOnlyList<AuditEvent>>, ValidationProblem, ProblemHttpResult>> (
                string? entity, string? id, int? page, int? pageSize, System.Security.Claims.ClaimsPrincipal user, AuditLog audit,
                RequestRepository requests, BudgetRepository budgets, ApiKeyRepository keys, HttpContext http, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(entity) || entity.Length > 64)
                    return ApiErrors.Invalid(nameof(entity), "Name the entity type, e.g. entity=CoreQuotaRequest, Budget or ApiKey.");
                if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
                    return ApiErrors.Invalid(nameof(id), "Name the entity's id, e.g. id=<request id>.");

                if (AdminOnlyEntities.Contains(entity, StringComparer.OrdinalIgnoreCase) && !user.IsInRole(Policies.Admin))
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing role.",
                        detail: $"The history of a {entity} is shown to admins only, as its page is.");

                // For the entity types whose objects we can look up, an unknown id is a 404 rather than an
                // empty list, so a typo is not mistaken for "nothing happened". Other types (written by
                // features that come later) are answered with whatever was recorded.
                if (entity is RequestEntity or nameof(Budget) or nameof(ApiKey))
                {
                    if (!Guid.TryParse(id, out var guid)) return ApiErrors.Invalid(nameof(id), $"A {entity} id is a GUID; '{id}' is not.");
                    // Each Get throws NotFoundException (404) for an unknown id.
                    if (entity == RequestEntity) await requests.GetAsync(guid, ct);
                    else if (entity == nameof(Budget)) await budgets.GetAsync(guid, ct);
                    else await keys.GetAsync(guid, ct);
                }
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging) is { } invalid) return invalid;
                return TypedResults.Ok((await audit.PageAsync(entity, id, paging, ct: ct)).Describe(http));
            })
            .WithTags("Audit")
            .WithSummary("Every recorded state change of one object (who, what, when, before → after), oldest first; paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 403, 404);
        return app;
    }
}
