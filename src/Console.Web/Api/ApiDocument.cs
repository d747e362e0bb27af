using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CapacityConsole.Web.Api;

/// <summary>What the OpenAPI document says about the API as a whole: title, tag order, how to authenticate.</summary>
internal static class ApiDocument
{
    private static readonly string[] TagOrder =
        ["Zones", "Offerings", "Services", "Budgets", "Requests", "Approvals", "Plans", "Provisioning", "Resources", "Audit", "API keys"];

    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "CapacityConsole API";
        document.Info.Description = "Budgets, core-quota requests, approvals, plans, provisioning and audit. " +
            "Send an API key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`; it acts as the user it was issued to. " +
            "A browser signed in with the cookie must send the antiforgery token (GET /auth/antiforgery) in the `X-XSRF-TOKEN` header on every change. " +
            "Each operation states the roles it needs in `x-required-roles`.";
        // The order a newcomer reads the API in, rather than the order endpoints happen to be built.
        document.Tags = new HashSet<OpenApiTag>(TagOrder.Select(t => new OpenApiTag { Name = t }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A service account's API key.",
        };
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A service account's API key.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
