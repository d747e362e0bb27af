using System.Security.Claims;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<Service>>, ValidationProblem>> (
                string? search, int? page, int? pageSize, ServiceRepository services, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiPaging.From(page, pageSize);
                if (ApiPaging.Invalid(paging, search) is { } invalid) return invalid;
                return TypedResults.Ok((await services.PageAsync(search, paging, ct: ct)).Describe(http));
            })
            .WithSummary("Business services with owner team, cost center, tier and zone constraints, by name, optionally matching a search " +
                "(id, name, owner team, cost center); paged like the request list.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400);
        group.MapGet("/{id}", async (string id, ServiceRepository services, CancellationToken ct) => TypedResults.Ok(await services.GetAsync(id, ct)))
            .WithSummary("One service.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(404);
        group.MapPost("/", async Task<Created<Service>> (ServiceInput input, ServiceAdministration admin, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var created = await admin.CreateAsync(input, user.ToActor(), ct);
                return TypedResults.Created($"/api/v1/services/{created.Id}", created);
            })
            .WithSummary("Creates a service; allowed internal zones must exist in the topology (none: any zone).")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 409);
        group.MapPut("/{id}", async (string id, ServiceInput input, ServiceAdministration admin, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await admin.UpdateAsync(id, input, user.ToActor(), ct)))
            .WithSummary("Replaces a service's name, owner team, cost center, tier and zone constraints; the id in the path wins.")
            .RequireAuthorization(Policies.Admin).ProducesErrors(400, 404);
        return app;
    }
}
