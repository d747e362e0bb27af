using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CapacityConsole.Web.Health;

/// <summary>
/// Three views of health: /healthz/live for an orchestrator's liveness probe (the process answers;
/// no dependency is asked, so a database outage does not get every instance restarted),
/// /healthz/ready for the readiness probe and the load balancer (database, Hangfire server, LISTEN
/// connection, providers), and /healthz with every check for people. Unhealthy answers 503;
/// Degraded (a provider unreachable: pages still work) answers 200.
/// </summary>
public static class HealthEndpoint
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapConsoleHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson })
            .AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
