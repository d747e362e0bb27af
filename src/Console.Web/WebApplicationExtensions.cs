using CapacityConsole.Web.Api;
using CapacityConsole.Web.Auth;
using CapacityConsole.Web.Auth.Oidc;
using CapacityConsole.Web.Components;
using CapacityConsole.Web.Components.Layout;
using CapacityConsole.Web.Health;
using CapacityConsole.Web.Hosting;
using CapacityConsole.Web.Hubs;
using CapacityConsole.Web.Jobs;
using CapacityConsole.Web.Metrics;
using CapacityConsole.Web.Testing;

namespace CapacityConsole.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UseConsoleWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseHsts(); // acts only on HTTPS requests (and never for localhost)
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyRules();
        app.UseStaticFiles();
        app.UseLocalSignInGate();
        app.UseRateLimiter(); // bounds concurrent page renders (Hosting/PageRenderLimit)
        app.UseAuthentication();
        app.UseMetricsGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseCrossSiteProtection();
        return app;
    }

    public static WebApplication MapConsoleEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        // Blazor sets its own frame-ancestors CSP on page answers; the same rule as SecurityHeaders.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
        app.MapAuthEndpoints();
        app.MapOidcEndpoints();
        app.MapConsoleHealth();
        app.MapConsoleMetrics();
        app.MapConsoleJobsDashboard();
        app.MapThemeStylesheet();
        // No per-send timer from SignalR on the live hub: the fan-out bounds a viewer that does not read
        // itself (LiveFanOutOptions.SlowViewerTimeout, LiveViewer), and SignalR's timer costs every frame a
        // lock and a cancellation registration and keeps the WebSocket send off its synchronous path.
        app.MapHub<ConsoleHub>(ConsoleHub.Path, o => o.TransportSendTimeout = Timeout.InfiniteTimeSpan);
        app.MapConsoleApi();
        app.MapTestingHooks();
        return app;
    }
}
