using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Hosting;

public sealed class PageRenderOptions
{
    public const string SectionName = "Pages";

    /// <summary>
    /// Pages prerendered at once; more wait in line. Each render holds its data and render tree
    /// until it is sent, so on a small machine fifty at once only add memory and switching
    /// (issue 16: RSS 0.9 → 9.1 GiB under bursts). 0 picks twice the processor count, at least 4.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxConcurrentRenders { get; set; }

    /// <summary>Renders that may wait; beyond this a page answers 503 at once instead of queueing without bound.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 2_000;

    public int EffectiveConcurrency => MaxConcurrentRenders > 0 ? MaxConcurrentRenders : Math.Max(4, Environment.ProcessorCount * 2);
}

/// <summary>
/// Bounds how many page renders run at once with ASP.NET Core's concurrency limiter. Only full page
/// loads (GET of a page route) are limited: the circuit's SignalR connection, the API, hubs, health
/// and static files are not, so a long-lived connection never holds a permit.
/// </summary>
public static class PageRenderLimit
{
    private const string Pages = "page-renders";

    public static IServiceCollection AddPageRenderLimit(this IServiceCollection services)
    {
        services.AddOptions<PageRenderOptions>().BindConfiguration(PageRenderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IOptions<PageRenderOptions>>((limiter, pages) =>
        {
            var concurrency = pages.Value.EffectiveConcurrency;
            var queue = pages.Value.QueueLimit;
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsPageRender(http.Request)
                ? RateLimitPartition.GetConcurrencyLimiter(Pages, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = concurrency,
                    QueueLimit = queue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter("other"));
        });
        return services;
    }

    internal static bool IsPageRender(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method)) return false;
        var path = request.Path.Value ?? "/";
        foreach (var prefix in NotPages)
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return !Path.HasExtension(path); // css, js, images, fonts
    }

    private static readonly string[] NotPages = ["/_blazor", "/_framework", "/_content", "/api", "/hubs", "/hangfire", "/health", "/openapi", "/scalar"];
}
