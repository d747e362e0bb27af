using CapacityConsole.Web.Api;
using CapacityConsole.Web.Auth;
using CapacityConsole.Web.Components;
using CapacityConsole.Web.Health;
using CapacityConsole.Web.Hubs;
using CapacityConsole.Web.Jobs;
using CapacityConsole.Web.Testing;

namespace CapacityConsole.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UseConsoleWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRateLimiter(); // bounds concurrent page renders (Hosting/PageRenderLimit)
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapConsoleEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAuthEndpoints();
        app.MapConsoleHealth();
        app.MapConsoleJobsDashboard();
        app.MapHub<ConsoleHub>(ConsoleHub.Path);
        app.MapConsoleApi();
        app.MapTestingHooks();
        return app;
    }
}
