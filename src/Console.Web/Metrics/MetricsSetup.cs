using CapacityConsole.Providers.Metrics;
using CapacityConsole.Scheduler.Planning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CapacityConsole.Web.Auth;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CapacityConsole.Web.Metrics;

public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>
    /// OpenTelemetry metrics in Prometheus text format at /metrics: ASP.NET Core, HttpClient and
    /// runtime instrumentation, the provider port's and the planner's decorators and the domain's gauges.
    /// </summary>
    public static IServiceCollection AddConsoleMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddProviderMetrics();
        services.AddSingleton<DomainInstruments>();
        // Replaces Scheduler.Core's plain registration: every caller of IPlanner is timed.
        services.Replace(ServiceDescriptor.Singleton<IPlanner>(sp => new MeteredPlanner(
            sp.GetRequiredService<Planner>(), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TimeProvider>())));
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ProviderInstruments.MeterName, DomainInstruments.MeterName, MeteredPlanner.MeterName, Hubs.LiveFanOutInstruments.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// The scrape endpoint. Without a session it answers only callers from Metrics:AllowedNetworks
    /// (403 otherwise); behind a reverse proxy every caller looks like the proxy, so scrape each
    /// instance directly rather than through it.
    /// </summary>
    public static WebApplication MapConsoleMetrics(this WebApplication app)
    {
        // The gauges register when first resolved.
        app.Services.GetRequiredService<DomainInstruments>();
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
        return app;
    }

    /// <summary>Refuses scrapes from outside the allowed networks unless an admin is signed in; runs after authentication.</summary>
    public static WebApplication UseMetricsGate(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
            {
                var options = http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
                if (!options.Allows(http.Connection.RemoteIpAddress) && !http.User.IsInRole(Policies.Admin))
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsJsonAsync(new
                    {
                        title = "Forbidden",
                        status = 403,
                        detail = "/metrics answers the networks in Metrics:AllowedNetworks (loopback by default) or a signed-in admin.",
                    }, options: null, contentType: "application/problem+json");
                    return;
                }
            }
            await next();
        });
        return app;
    }
}
