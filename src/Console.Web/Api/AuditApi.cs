using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<Results<Ok<IReadOnlyList<AuditEvent>>, ValidationProblem>> (
                string? entity, string? id, AuditLog audit, IServiceProvider services, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(entity) || entity.Length > 64)
                    return ApiErrors.Invalid(nameof(entity), "Name the entity type, e.g. entity=CoreQuotaRequest, Budget or ApiKey.");
                if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
                    return ApiErrors.Invalid(nameof(id), "Name the entity's id, e.g. id=<request id>.");
                if (await EnsureExistsAsync(entity, id, services, ct) is { } invalid) return invalid;
                return TypedResults.Ok(await audit.ListAsync(entity, id, ct));
            })
            .WithTags("Audit")
            .WithSummary("Every recorded state change of one object (who, what, when, before → after), oldest first.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }

    /// <summary>
    /// For the entity types whose objects we can look up, an unknown id is a 404 rather than an empty
    /// list, so a typo is not mistaken for "nothing happened". Other types (written by features that
    /// come later) are answered with whatever was recorded.
    /// </summary>
    private static async Task<ValidationProblem?> EnsureExistsAsync(string entity, string id, IServiceProvider services, CancellationToken ct)
    {
        if (entity is not ("CoreQuotaRequest" or nameof(Budget) or nameof(ApiKey))) return null;
        if (!Guid.TryParse(id, out var guid)) return ApiErrors.Invalid(nameof(id), $"A {entity} id is a GUID; '{id}' is not.");
        switch (entity)
        {
            case "CoreQuotaRequest": await services.GetRequiredService<RequestRepository>().GetAsync(guid, ct); break;
            case nameof(Budget): await services.GetRequiredService<BudgetRepository>().GetAsync(guid, ct); break;
            default:
                if ((await services.GetRequiredService<ApiKeyRepository>().ListAsync(ct)).All(k => k.Id != guid))
                    throw new NotFoundException("API key", id);
                break;
        }
        return null;
    }
}
