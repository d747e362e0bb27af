using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Net.Http.Headers;
using MudBlazor;

namespace CapacityConsole.Web.Components.Layout;

/// <summary>
/// The console theme's CSS (the ~12 KB of CSS variables MudThemeProvider writes inline) as one
/// cacheable stylesheet. A prerendered page links it instead of carrying it, so every page's HTML
/// is that much smaller (issue 15); once the circuit runs, MudThemeProvider renders it as usual
/// (the dark-mode switch needs it). Rendered once, by MudThemeProvider itself, so the two never differ.
/// </summary>
public static partial class ThemeStylesheet
{
    public const string Path = "/theme.css";

    // Changes with every build of the console, the only time the theme can change.
    private static readonly string Version = typeof(ThemeStylesheet).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>Where a page links the stylesheet from.</summary>
    public static string Href { get; } = $"{Path}?v={Version}";

    private static Task<string>? _css;

    public static IEndpointRouteBuilder MapThemeStylesheet(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, IServiceScopeFactory scopes, ILoggerFactory logs) =>
            {
                var rendering = _css ??= RenderAsync(scopes, logs);
                string css;
                try { css = await rendering; }
                catch
                {
                    _ = Interlocked.CompareExchange(ref _css, null, rendering); // the next request tries again
                    throw;
                }
                http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                return Results.Text(css, "text/css", Encoding.UTF8);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<string> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory logs)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = ConsoleTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = false,
            }));
            return output.ToHtmlString();
        });
        return string.Join('\n', Style().Matches(html).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex Style();
}
