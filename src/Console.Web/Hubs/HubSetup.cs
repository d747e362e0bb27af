using System.Text.Json.Serialization;

namespace CapacityConsole.Web.Hubs;

public static class HubSetup
{
    /// <summary>The live stream: ConsoleHub (mapped with the endpoints) fed by the notifier through <see cref="LiveHubBridge"/>.</summary>
    public static IServiceCollection AddConsoleHubs(this IServiceCollection services)
    {
        // Enums travel by name on the live stream, as in the REST API.
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddHostedService<LiveHubBridge>();
        return services;
    }
}
