using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>How often a live page reloads what it shows (see <see cref="LiveComponentBase"/>).</summary>
public sealed class LivePageOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// The shortest time between two reloads of one page. Each reload reads the database for that
    /// circuit, so with hundreds of dashboards open a burst of updates would otherwise be hundreds of
    /// reads per update; updates that arrive within the interval are folded into one reload at its
    /// end, which still shows the latest of them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30", ErrorMessage = "Live:PageRefreshInterval must be between 0 and 30 s.")]
    public TimeSpan PageRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

public static class LivePageSetup
{
    public static IServiceCollection AddLivePages(this IServiceCollection services)
    {
        services.AddOptions<LivePageOptions>().BindConfiguration(LivePageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
