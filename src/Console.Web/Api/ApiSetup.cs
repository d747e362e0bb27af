using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

namespace CapacityConsole.Web.Api;

/// <summary>The REST API's plumbing: registration of the document, errors and JSON rules, and the endpoints.</summary>
public static class ApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string BrowsablePath = "/scalar";

    public static IServiceCollection AddConsoleApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer(ApiDocument.Describe));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Explain);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        // Without this, a body that fails to bind (malformed JSON, a wrong type) gets an empty 400
        // outside Development; thrown, it reaches DomainExceptionHandler and becomes a ProblemDetails.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        return services;
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
        app.MapZoneHealthApi();
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
        app.MapEmergencyBurstsApi();
        app.MapUsersApi();
        return app;
    }
}
