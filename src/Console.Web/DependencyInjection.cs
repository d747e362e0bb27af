using CapacityConsole.Web.Api;
using CapacityConsole.Web.Auth;
using CapacityConsole.Web.Auth.Oidc;
using CapacityConsole.Web.Components.Shared;
using CapacityConsole.Web.Health;
using CapacityConsole.Web.Hosting;
using CapacityConsole.Web.Jobs;
using CapacityConsole.Web.Metrics;
using CapacityConsole.Web.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using MudBlazor.Services;
using CapacityConsole.Web.Hubs;

namespace CapacityConsole.Web;

public static class DependencyInjection
{
    public static WebApplicationBuilder AddConsoleWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The host logs a failed start with its stack trace; StartupGuard prints the one line an
        // operator needs instead (and lets real bugs through with their trace).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddConsoleHubs();
        services.AddSignalR();
        services.AddConsoleApi();

        services.AddAuthentication(ConsoleSchemes.Default)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "capacity-console";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                // Automation gets status codes, not a redirect to an HTML sign-in page.
                o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = UserSessionCheck.ValidateAsync;
            })
            .AddApiKeys();
        builder.AddConsoleOidc();
        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();
        // Open circuits re-check their session too (sign-out, password reset, disable, role change).
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitSessionCheck>();
        services.AddOptions<CircuitSessionOptions>().BindConfiguration(CircuitSessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCrossSiteProtection();
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // No Server header; the API's body limit also for bodies sent without a Content-Length.
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = RequestBodyRules.MaxBodyBytes;
        });
        services.AddScoped<SignInService>();
        services.AddScoped<CapacityConsole.Web.Components.Shared.CurrentUser>();
        services.AddHostedService<ConsoleStartup>();

        services.AddPageRenderLimit();
        services.AddLivePages();
        services.AddConsoleJobs();
        builder.AddTestingHooks();
        builder.AddSharedDataProtection();
        services.AddConsoleMetrics();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoint.ReadyTag])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [HealthEndpoint.ReadyTag])
            .AddCheck<LiveRelayHealthCheck>("live-updates", tags: [HealthEndpoint.ReadyTag])
            .AddCheck<ProviderHealthCheck>("providers", tags: [HealthEndpoint.ReadyTag]);
        return builder;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/hubs"))
            c.Response.StatusCode = status;
        else
            c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}
