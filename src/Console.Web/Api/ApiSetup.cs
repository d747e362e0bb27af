using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CapacityConsole.Web.Api;

/// <summary>The REST API's plumbing: OpenAPI document, browsable page, JSON rules and errors.</summary>
public static class ApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string BrowsablePath = "/scalar";

    private static readonly string[] TagOrder =
        ["Zones", "Offerings", "Services", "Budgets", "Requests", "Approvals", "Plans", "Provisioning", "Resources", "Audit", "API keys"];

    public static IServiceCollection AddConsoleApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CapacityConsole API";
            document.Info.Description = "Budgets, core-quota requests, approvals, plans, provisioning and audit. " +
                "Send a service account's API key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.";
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
        }));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Explain);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        // Without this, a body that fails to bind (malformed JSON, a wrong type) gets an empty 400
        // outside Development; thrown, it reaches DomainExceptionHandler and becomes a ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => Configure(o));
        return services;
    }

    private static void Configure(JsonOptions o)
    {
        o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        // A missing or null field that the domain's records do not allow is refused by the reader
        // with its name, instead of reaching the domain as null (and failing there as a 500).
        o.SerializerOptions.RespectNullableAnnotations = true;
        o.SerializerOptions.RespectRequiredConstructorParameters = true;
        o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(NullableMeansOptional);
    }

    /// <summary>
    /// A record parameter declared nullable (an event name, a team) may be left out of the body:
    /// only the non-nullable ones are required. The annotations guard what is read, not what is
    /// written: an answer is never turned into a 500 because a value the type calls non-null is null.
    /// </summary>
    private static void NullableMeansOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.IsRequired && property.IsSetNullable) property.IsRequired = false;
            if (!property.PropertyType.IsValueType) property.IsGetNullable = true;
        }
    }

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        // Served from the package itself; nothing is fetched from outside (no CDN fonts, telemetry,
        // AI agent or hosted tooling), so the page works on an isolated network.
        app.MapScalarApiReference(BrowsablePath, o => o
                .WithTitle("CapacityConsole API")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes(["Bearer"])
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        app.MapGet("/api", () => TypedResults.Redirect($"{BrowsablePath}/v1")).AllowAnonymous().ExcludeFromDescription();

        app.MapZonesApi();
        app.MapOfferingsApi();
        app.MapServicesApi();
        app.MapBudgetsApi();
        app.MapRequestsApi();
        app.MapApprovalsApi();
        app.MapPlansApi();
        app.MapProvisioningApi();
        app.MapResourcesApi();
        app.MapAuditApi();
        app.MapApiKeysApi();
        return app;
    }
}
